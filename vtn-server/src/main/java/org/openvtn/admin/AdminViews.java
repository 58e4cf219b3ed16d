package org.openvtn.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openvtn.admin.api.EventJson;
import org.openvtn.admin.api.OptJson;
import org.openvtn.admin.api.ParticipantJson;
import org.openvtn.admin.api.PollItemJson;
import org.openvtn.admin.api.ProgramJson;
import org.openvtn.admin.api.ReportRequestJson;
import org.openvtn.admin.api.TargetsJson;
import org.openvtn.admin.api.TelemetryJson;
import org.openvtn.admin.api.VenJson;
import org.openvtn.core.Event;
import org.openvtn.core.EventResponse;
import org.openvtn.core.EventSpec;
import org.openvtn.core.EventStatus;
import org.openvtn.core.OptRecord;
import org.openvtn.core.Participant;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.PollItem;
import org.openvtn.core.Program;
import org.openvtn.core.PushOutbox;
import org.openvtn.core.Registration;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.Targets;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.oadr20b.service.OadrResponseCodes;

/** Core values to the admin API's response records (Jackson writes them). */
final class AdminViews {
    private AdminViews() {
    }

    static ProgramJson program(Program p) {
        return new ProgramJson(p.id(), p.name(), p.marketContext(), text(p.createdAt()), p.overlap().wireName());
    }

    static EventJson event(Event e, EventStatus status, Instant now) {
        EventSpec s = e.spec();
        return new EventJson(e.id(), s.programId(), e.marketContext(), e.modificationNumber(), status.wireName(),
                text(e.createdAt()), text(e.modifiedAt()), text(s.start()), text(e.end()), text(e.duration()),
                s.priority(), s.responseRequired().name().toLowerCase(Locale.ROOT), text(s.randomizeStart()),
                text(s.randomizeDuration()), text(s.rampUp()), text(s.recovery()), s.testEvent(), s.vtnComment(),
                targets(s.targets()),
                s.signals().stream().map(sig -> new EventJson.Signal(sig.signalId(), sig.name(), sig.type(),
                        sig.units(), e.currentValue(sig, now), sig.intervals().stream()
                        .map(iv -> new EventJson.Interval(iv.uid(), text(iv.duration()), iv.value())).toList()))
                        .toList());
    }

    static TargetsJson targets(Targets t) {
        return new TargetsJson(t.all(), list(t.participantIds()), list(t.groupIds()), list(t.resourceIds()),
                list(t.partyIds()));
    }

    /** A VEN as deregistration, reregistration and membership answer it (no exchange model). */
    static VenJson ven(Registration r) {
        return ven(r, null, null, null);
    }

    /**
     * A VEN with its exchange model and push outbox state (issue #14), {@code push} null for a pull VEN, and its last
     * contact (issue #19), null when never.
     */
    static VenJson ven(Registration r, PushOutbox.Status push, Instant lastContact) {
        return ven(r, r.oadr() == null ? null : r.oadr().httpPullModel() ? "pull" : "push", lastContact, push == null
                ? null
                : new VenJson.Outbox(push.queued(), push.attempts(), text(push.nextAttemptAt()), push.lastError(),
                text(push.lastErrorAt()), push.unreachable(), push.urlForm().toLowerCase(Locale.ROOT),
                push.delivered()));
    }

    private static VenJson ven(Registration r, String exchangeModel, Instant lastContact, VenJson.Outbox outbox) {
        // the admin JSON keeps its OpenADR field names (a public contract); other protocols leave the terms empty
        Registration.OadrTerms o = r.oadr();
        return new VenJson(r.participantId(), r.registrationId(), r.name(), r.partyId(), r.fingerprint(),
                r.protocol().name(), o == null ? null : o.transport(), o == null ? null : o.transportAddress(),
                o != null && o.httpPullModel(), o != null && o.reportOnly(), o != null && o.xmlSignature(),
                text(r.pollFreq()), list(r.groupIds()), list(r.resourceIds()), text(r.registeredAt()), r.active(),
                exchangeModel, outbox, text(lastContact));
    }

    /**
     * The admin API's {@code responseCode} (unchanged contract): the adapter's own numeric code when it recorded one
     * (OpenADR 2.0b responseCode), else the 2.0b number of the neutral outcome, as the admin API's error codes are.
     */
    static int responseCode(EventResponse r) {
        String code = r.protocolCode();
        if (code != null && code.matches("\\d{1,9}")) {
            return Integer.parseInt(code);
        }
        return OadrResponseCodes.of(r.outcome());
    }

    static OptJson opt(OptRecord o) {
        return new OptJson(o.optId(), o.participantId(), o.optType().wireName(), o.reason(), o.marketContext(),
                o.eventId(), o.modificationNumber(), List.copyOf(o.resourceIds()),
                o.windows().stream().map(w -> new OptJson.Window(text(w.start()), text(w.duration()))).toList(),
                text(o.createdAt()), o.cancelled());
    }

    static ReportRequestJson reportRequest(ReportRequest r) {
        return new ReportRequestJson(r.reportRequestId(), r.participantId(), r.reportName(), r.reportSpecifierId(),
                List.copyOf(r.rIds()), text(r.granularity()), text(r.reportBackDuration()), text(r.start()),
                text(r.duration()), r.oneShot(), r.status().name().toLowerCase(Locale.ROOT), r.reportToFollow(),
                text(r.createdAt()));
    }

    static PollItemJson pollItem(PollItem i) {
        return new PollItemJson(i.seq(), i.kind().name(), i.reference(), text(i.createdAt()), text(i.sentAt()),
                i.deliveries());
    }

    static TelemetryJson telemetry(TelemetryPoint p) {
        return new TelemetryJson(p.participantId(), p.rId(), p.reportRequestId(), text(p.timestamp()), p.value(),
                p.quality());
    }

    static ParticipantJson participant(Participant p) {
        boolean oadr = p.id().kind() == ParticipantId.Kind.OADR20B_VEN;
        return new ParticipantJson(p.id().toString(), oadr ? "openadr20b" : "ieee2030.5", oadr ? p.id().id() : null,
                oadr ? null : p.id().id(), p.state().wireName(), p.label(), text(p.changedAt()));
    }

    static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    static String text(Duration d) {
        return d == null ? null : d.toString();
    }

    private static List<String> list(Set<String> s) {
        return List.copyOf(s);
    }
}
