package org.openvtn.conformance.oadr20b;

import java.time.Duration;
import org.openvtn.conformance.CaseContext;

/**
 * Drives a VTN that offers no API by telling the operator what to do on it and waiting for confirmation
 * (the way certification harnesses work). When no operator is present the case ends SKIPPED, naming the step.
 */
public final class PromptDriver implements OadrVtnDriver {

    private final CaseContext ctx;

    public PromptDriver(CaseContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String describe() {
        return "operator prompt";
    }

    private String ask(String instruction) {
        if (!ctx.prompter().interactive()) {
            throw ctx.skip("needs the operator to act on the VTN (no admin API configured, not interactive): "
                    + instruction);
        }
        ctx.note("operator asked: " + instruction);
        String answer = ctx.prompter().ask(instruction);
        return answer == null ? "" : answer.trim();
    }

    private static String describe(EventOrder o) {
        StringBuilder sb = new StringBuilder("market context ").append(o.marketContext()).append(", start ")
                .append(o.start()).append(", targets venID ").append(String.join(",", o.venIds()))
                .append(", responseRequired ").append(o.responseRequired() ? "always" : "never")
                .append(", priority ").append(o.priority());
        if (!o.randomizeStart().isZero()) {
            sb.append(", startafter ").append(o.randomizeStart());
        }
        for (Signal s : o.signals()) {
            sb.append("; signal ").append(s.name()).append('/').append(s.type())
                    .append(s.units() == null ? "" : " units " + s.units()).append(", intervals of ")
                    .append(s.interval()).append(" with values ").append(s.values());
        }
        return sb.toString();
    }

    @Override
    public String createEvent(EventOrder order) {
        String id = ask("Create an event: " + describe(order) + ". Then type its eventID (or just Enter).");
        return id.isEmpty() ? null : id;
    }

    @Override
    public void modifyEvent(String eventId, EventOrder order) {
        ask("Modify event " + eventId + " so that it becomes: " + describe(order) + ". Press Enter when done.");
    }

    @Override
    public void cancelEvent(String eventId) {
        ask("Cancel event " + eventId + ". Press Enter when done.");
    }

    @Override
    public void cancelRegistration(String venId) {
        ask("Cancel the registration of VEN " + venId + " on the VTN (VTN-initiated). Press Enter when done.");
    }

    @Override
    public void requestReregistration(String venId) {
        ask("Ask VEN " + venId + " to re-register (oadrRequestReregistration). Press Enter when done.");
    }

    @Override
    public String requestReport(String venId, String reportName, Duration granularity, Duration reportBackDuration) {
        String id = ask("Request report " + reportName + " from VEN " + venId + (granularity == null ? " (one-shot)"
                : " with granularity " + granularity + " and reportBackDuration " + reportBackDuration)
                + ". Type the reportRequestID (or just Enter).");
        return id.isEmpty() ? null : id;
    }

    @Override
    public String requestReportOnMetadata(String venId, String reportName, Duration granularity,
                                          Duration reportBackDuration) {
        String id = ask("Make the VTN request report " + reportName + (granularity == null ? " (one-shot)"
                : " (granularity " + granularity + ", reportBackDuration " + reportBackDuration + ")") + " from VEN "
                + venId + " in its oadrRegisteredReport answer to the VEN's next METADATA oadrRegisterReport"
                + " (piggy-backed). Type the reportRequestID if known (or just Enter).");
        return id.isEmpty() ? null : id;
    }

    @Override
    public void cancelReport(String venId, String reportRequestId, boolean reportToFollow) {
        ask("Cancel report request " + reportRequestId + " of VEN " + venId + " with reportToFollow="
                + reportToFollow + ". Press Enter when done.");
    }
}
