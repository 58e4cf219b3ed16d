package org.openvtn.conformance.sep;

import java.util.EnumSet;
import java.util.Set;
import org.openvtn.conformance.CaseContext;

/**
 * Drives any 2030.5 server through its operator: each step is shown as an instruction and the case waits for the
 * operator's confirmation; the suite then checks the result by discovery. When no operator is there
 * ({@code Prompter.interactive()} false) every step is {@link Unsupported}, so the case is SKIPPED.
 */
public final class PromptSepDriver implements SepServerDriver {

    @Override
    public String name() {
        return "prompt";
    }

    @Override
    public Set<DerMode> modes() {
        return EnumSet.allOf(DerMode.class);
    }

    @Override
    public Handle createDerControl(CaseContext ctx, DerControlSpec spec) {
        ask(ctx, "Create a DERControl for the EndDevice with LFDI " + spec.device().lfdi()
                + " in a DERProgram of its FunctionSetAssignments: " + spec.mode().element() + " = " + spec.value()
                + " (" + unit(spec.mode()) + "), interval start " + spec.startSeconds() + " (" + spec.start()
                + "), duration " + spec.duration().toSeconds() + " s"
                + (spec.randomizeStart().isZero() ? "" : ", randomizeStart " + spec.randomizeStart().toSeconds() + " s")
                + (spec.responseRequired() ? ", responseRequired 03 (received + specific)" : "")
                + ". Press Enter when it is published.");
        return new Handle("operator:" + spec.mode().element() + "@" + spec.startSeconds(), spec);
    }

    @Override
    public void cancel(CaseContext ctx, Handle handle) {
        ask(ctx, "Cancel the DERControl " + handle.spec().mode().element() + " starting at "
                + handle.spec().startSeconds() + " for LFDI " + handle.spec().device().lfdi()
                + ". Press Enter when done.");
    }

    @Override
    public void setDefaultControl(CaseContext ctx, DeviceIdentity device, DerMode mode, double value) {
        ask(ctx, "Set the DefaultDERControl of a DERProgram assigned to LFDI " + device.lfdi() + ": "
                + mode.element() + " = " + value + " (" + unit(mode) + "). Press Enter when done.");
    }

    @Override
    public Handle createCombinedControl(CaseContext ctx, DeviceIdentity device, java.util.Map<DerMode, Double> values,
                                        java.time.Instant start, java.time.Duration duration) {
        ask(ctx, "Create ONE DERControl for the EndDevice with LFDI " + device.lfdi() + " carrying " + describe(values)
                + ", interval start " + start.getEpochSecond() + " (" + start + "), duration " + duration.toSeconds()
                + " s, no rampTms. Press Enter when it is published.");
        var first = values.entrySet().iterator().next();
        return new Handle("operator:combined@" + start.getEpochSecond(), new DerControlSpec(device, first.getKey(),
                first.getValue(), start, duration, null, false));
    }

    @Override
    public void setDefaultControl(CaseContext ctx, DeviceIdentity device, java.util.Map<DerMode, Double> values) {
        ask(ctx, "Set the DefaultDERControl of a DERProgram assigned to LFDI " + device.lfdi() + " to carry "
                + describe(values) + ". Press Enter when done.");
    }

    private static String describe(java.util.Map<DerMode, Double> values) {
        StringBuilder b = new StringBuilder();
        values.forEach((m, v) -> b.append(b.length() == 0 ? "" : ", ").append(m.element()).append(" = ").append(v)
                .append(" (").append(unit(m)).append(')'));
        return b.toString();
    }

    @Override
    public void provisionPin(CaseContext ctx, DeviceIdentity device, int pin) {
        ask(ctx, "Register the device with LFDI " + device.lfdi() + " out of band with PIN " + pin
                + ". Press Enter when done.");
    }

    private static void ask(CaseContext ctx, String instruction) {
        if (!ctx.prompter().interactive()) {
            throw new Unsupported("needs an operator (no admin API configured and the run is not interactive): "
                    + instruction);
        }
        ctx.prompter().ask(instruction);
    }

    private static String unit(DerMode mode) {
        return switch (mode) {
            case MAX_LIM_W -> "percent of setMaxW";
            case FIXED_W -> "percent of setMaxW, negative to charge";
            case FIXED_PF_INJECT -> "displacement power factor, negative when under-excited";
            case ENERGIZE, CONNECT -> "1 = true, 0 = false";
            case RAMP_TMS -> "hundredths of a second";
            case RAMP_RATE -> "hundredths of a percent of setMaxW per second";
            default -> "W";
        };
    }
}
