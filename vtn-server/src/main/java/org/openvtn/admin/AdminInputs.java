package org.openvtn.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openvtn.admin.api.EventInput;
import org.openvtn.admin.api.IntervalInput;
import org.openvtn.admin.api.ReportRequestInput;
import org.openvtn.admin.api.SignalInput;
import org.openvtn.admin.api.TargetsJson;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Interval;
import org.openvtn.core.NewReportRequest;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Signal;
import org.openvtn.core.Targets;
import org.openvtn.core.VtnException;

/** Request records of the admin API to core values, with the checks that name the offending field. */
final class AdminInputs {
    private AdminInputs() {
    }

    /** POST /events, PUT /events/{id}. */
    static EventSpec eventSpec(EventInput in) {
        EventSpec.Builder b = EventSpec.builder()
                .programId(AdminJson.required(in.programId(), "programId"))
                .start(AdminJson.instant(in.start(), "start", true))
                .randomizeStart(AdminJson.duration(in.randomizeStart(), "randomizeStart", Duration.ZERO))
                .randomizeDuration(AdminJson.secondsOrDuration(in.randomizeDuration(), "randomizeDuration"))
                .rampUp(AdminJson.duration(in.rampUp(), "rampUp", Duration.ZERO))
                .recovery(AdminJson.duration(in.recovery(), "recovery", Duration.ZERO))
                .testEvent(AdminJson.bool(in.testEvent()))
                .vtnComment(in.vtnComment());
        if (in.priority() != null) {
            b.priority(in.priority());
        }
        if (in.responseRequired() != null) {
            try {
                b.responseRequired(ResponseRequired.valueOf(in.responseRequired().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw VtnException.invalidData("responseRequired", "responseRequired must be always or never");
            }
        }
        if (in.targets() == null) {
            throw VtnException.invalidData("targets", "targets is required");
        }
        b.targets(targets(in.targets()));
        if (in.signals() == null || in.signals().isEmpty()) {
            throw VtnException.invalidData("signals", "signals must be a non-empty array");
        }
        for (int s = 0; s < in.signals().size(); s++) {
            b.signal(signal(in.signals().get(s), s));
        }
        return b.build();
    }

    static Targets targets(TargetsJson t) {
        return new Targets(AdminJson.bool(t.all()), AdminJson.strings(t.venIds(), "targets.venIds"),
                AdminJson.strings(t.groupIds(), "targets.groupIds"),
                AdminJson.strings(t.resourceIds(), "targets.resourceIds"),
                AdminJson.strings(t.partyIds(), "targets.partyIds"));
    }

    private static Signal signal(SignalInput n, int s) {
        String f = "signals[" + s + "]";
        if (n == null) {
            throw VtnException.invalidData(f, f + " must be a JSON object");
        }
        if (n.intervals() == null || n.intervals().isEmpty()) {
            throw VtnException.invalidData(f + ".intervals", "intervals must be a non-empty array");
        }
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i < n.intervals().size(); i++) {
            String fi = f + ".intervals[" + i + "]";
            IntervalInput in = n.intervals().get(i);
            if (in == null) {
                throw VtnException.invalidData(fi, fi + " must be a JSON object");
            }
            Duration d = AdminJson.duration(in.duration(), fi + ".duration", null);
            if (d == null) {
                throw VtnException.invalidData(fi + ".duration", fi + ".duration is required");
            }
            if (in.value() == null) {
                throw VtnException.invalidData(fi + ".value", fi + ".value must be a number");
            }
            intervals.add(new Interval(i, d, in.value()));
        }
        return new Signal(n.signalId() == null ? Integer.toString(s) : n.signalId(),
                AdminJson.required(n.name(), f + ".name"), AdminJson.required(n.type(), f + ".type"), n.units(),
                intervals);
    }

    /** POST /vens/{venId}/report-requests. */
    static NewReportRequest reportRequest(ReportRequestInput b) {
        return new NewReportRequest(AdminJson.required(b.reportName(), "reportName"),
                new ArrayList<>(AdminJson.strings(b.rIds(), "rIds")),
                AdminJson.duration(b.granularity(), "granularity", null),
                AdminJson.duration(b.reportBackDuration(), "reportBackDuration", null),
                AdminJson.instant(b.start(), "start"),
                AdminJson.duration(b.duration(), "duration", null));
    }
}
