package org.openvtn.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.EventStatus;
import org.openvtn.core.Interval;
import org.openvtn.core.OptRecord;
import org.openvtn.core.Program;
import org.openvtn.core.Registration;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Signal;
import org.openvtn.core.Targets;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.core.VtnException;

/**
 * JSON mapping of the admin API: strict parsing (unknown fields, wrong types and bad ISO-8601
 * values are rejected with a {@link VtnException} naming the field) and rendering of core types.
 */
final class AdminJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Set<String> EVENT_FIELDS = Set.of("programId", "start", "signals", "targets", "priority",
            "responseRequired", "randomizeStart", "randomizeDuration", "rampUp", "recovery", "testEvent", "vtnComment");
    private static final Set<String> SIGNAL_FIELDS = Set.of("signalId", "name", "type", "units", "intervals");
    private static final Set<String> INTERVAL_FIELDS = Set.of("duration", "value");
    private static final Set<String> TARGET_FIELDS = Set.of("all", "venIds", "groupIds", "resourceIds", "partyIds");

    private AdminJson() {
    }

    // ---------------------------------------------------------------- parsing

    static ObjectNode object(JsonNode n, String field) {
        if (n == null || !n.isObject()) {
            String f = field.isEmpty() ? "body" : field;
            throw VtnException.invalidData(f, f + " must be a JSON object");
        }
        return (ObjectNode) n;
    }

    static void onlyFields(ObjectNode n, Set<String> allowed, String prefix) {
        Iterator<String> it = n.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw VtnException.invalidData(prefix + f, "unknown field " + prefix + f);
            }
        }
    }

    static String string(ObjectNode n, String name, String field, boolean required) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw VtnException.invalidData(field, field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw VtnException.invalidData(field, field + " must be a string");
        }
        return v.asText();
    }

    static Instant instant(ObjectNode n, String name, String field, boolean required) {
        String s = string(n, name, field, required);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw VtnException.invalidData(field, field + " must be an ISO-8601 date-time with offset, e.g. "
                    + "2030-01-01T12:00:00Z");
        }
    }

    static Duration duration(ObjectNode n, String name, String field, Duration dflt) {
        String s = string(n, name, field, false);
        if (s == null) {
            return dflt;
        }
        try {
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw VtnException.invalidData(field, field + " must be an ISO-8601 duration, e.g. PT30M");
        }
    }

    /** A signed duration given as ISO-8601 text ("-PT5M") or as a JSON integer of seconds (IEEE 2030.5 style). */
    static Duration secondsOrDuration(ObjectNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Duration.ZERO;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return Duration.ofSeconds(v.longValue());
        }
        if (!v.isTextual()) {
            throw VtnException.invalidData(field, field + " must be an ISO-8601 duration or an integer of seconds");
        }
        return duration(n, field, field, Duration.ZERO);
    }

    static boolean bool(ObjectNode n, String name, String field) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw VtnException.invalidData(field, field + " must be true or false");
        }
        return v.booleanValue();
    }

    static Set<String> strings(ObjectNode n, String name, String field) {
        JsonNode v = n.get(name);
        Set<String> out = new TreeSet<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw VtnException.invalidData(field, field + " must be an array of strings");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
                throw VtnException.invalidData(field + "[" + i + "]", "must be a non-empty string");
            }
            out.add(v.get(i).asText());
        }
        return out;
    }

    /** Parses and validates an event body (POST /events, PUT /events/{id}). */
    static EventSpec eventSpec(JsonNode body) {
        ObjectNode n = object(body, "");
        onlyFields(n, EVENT_FIELDS, "");
        EventSpec.Builder b = EventSpec.builder()
                .programId(string(n, "programId", "programId", true))
                .start(instant(n, "start", "start", true))
                .randomizeStart(duration(n, "randomizeStart", "randomizeStart", Duration.ZERO))
                .randomizeDuration(secondsOrDuration(n, "randomizeDuration"))
                .rampUp(duration(n, "rampUp", "rampUp", Duration.ZERO))
                .recovery(duration(n, "recovery", "recovery", Duration.ZERO))
                .testEvent(bool(n, "testEvent", "testEvent"))
                .vtnComment(string(n, "vtnComment", "vtnComment", false));
        JsonNode prio = n.get("priority");
        if (prio != null && !prio.isNull()) {
            if (!prio.canConvertToLong() || !prio.isIntegralNumber()) {
                throw VtnException.invalidData("priority", "priority must be a non-negative integer");
            }
            b.priority(prio.longValue());
        }
        String rr = string(n, "responseRequired", "responseRequired", false);
        if (rr != null) {
            try {
                b.responseRequired(ResponseRequired.valueOf(rr.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw VtnException.invalidData("responseRequired", "responseRequired must be always or never");
            }
        }
        JsonNode t = n.get("targets");
        if (t == null || t.isNull()) {
            throw VtnException.invalidData("targets", "targets is required");
        }
        ObjectNode tn = object(t, "targets");
        onlyFields(tn, TARGET_FIELDS, "targets.");
        b.targets(new Targets(bool(tn, "all", "targets.all"), strings(tn, "venIds", "targets.venIds"),
                strings(tn, "groupIds", "targets.groupIds"), strings(tn, "resourceIds", "targets.resourceIds"),
                strings(tn, "partyIds", "targets.partyIds")));
        JsonNode sigs = n.get("signals");
        if (sigs == null || !sigs.isArray() || sigs.isEmpty()) {
            throw VtnException.invalidData("signals", "signals must be a non-empty array");
        }
        for (int s = 0; s < sigs.size(); s++) {
            b.signal(signal(sigs.get(s), s));
        }
        return b.build();
    }

    private static Signal signal(JsonNode node, int s) {
        String f = "signals[" + s + "]";
        ObjectNode n = object(node, f);
        onlyFields(n, SIGNAL_FIELDS, f + ".");
        JsonNode ivs = n.get("intervals");
        if (ivs == null || !ivs.isArray() || ivs.isEmpty()) {
            throw VtnException.invalidData(f + ".intervals", "intervals must be a non-empty array");
        }
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i < ivs.size(); i++) {
            String fi = f + ".intervals[" + i + "]";
            ObjectNode in = object(ivs.get(i), fi);
            onlyFields(in, INTERVAL_FIELDS, fi + ".");
            Duration d = duration(in, "duration", fi + ".duration", null);
            if (d == null) {
                throw VtnException.invalidData(fi + ".duration", fi + ".duration is required");
            }
            JsonNode v = in.get("value");
            if (v == null || !v.isNumber()) {
                throw VtnException.invalidData(fi + ".value", fi + ".value must be a number");
            }
            intervals.add(new Interval(i, d, v.doubleValue()));
        }
        String id = string(n, "signalId", f + ".signalId", false);
        return new Signal(id == null ? Integer.toString(s) : id, string(n, "name", f + ".name", true),
                string(n, "type", f + ".type", true), string(n, "units", f + ".units", false), intervals);
    }

    // ---------------------------------------------------------------- rendering

    static ObjectNode program(Program p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", p.id());
        n.put("name", p.name());
        n.put("marketContext", p.marketContext());
        n.put("createdAt", p.createdAt().toString());
        n.put("overlap", p.overlap().wireName());
        return n;
    }

    static ObjectNode event(Event e, EventStatus status, Instant now) {
        ObjectNode n = MAPPER.createObjectNode();
        EventSpec s = e.spec();
        n.put("id", e.id());
        n.put("programId", s.programId());
        n.put("marketContext", e.marketContext());
        n.put("modificationNumber", e.modificationNumber());
        n.put("status", status.wireName());
        n.put("createdAt", e.createdAt().toString());
        n.put("modifiedAt", e.modifiedAt().toString());
        n.put("start", s.start().toString());
        n.put("end", e.end().toString());
        n.put("duration", e.duration().toString());
        n.put("priority", s.priority());
        n.put("responseRequired", s.responseRequired().name().toLowerCase(Locale.ROOT));
        n.put("randomizeStart", s.randomizeStart().toString());
        n.put("randomizeDuration", s.randomizeDuration().toString());
        n.put("rampUp", s.rampUp().toString());
        n.put("recovery", s.recovery().toString());
        n.put("testEvent", s.testEvent());
        if (s.vtnComment() != null) {
            n.put("vtnComment", s.vtnComment());
        }
        ObjectNode t = n.putObject("targets");
        t.put("all", s.targets().all());
        s.targets().venIds().forEach(t.putArray("venIds")::add);
        s.targets().groupIds().forEach(t.putArray("groupIds")::add);
        s.targets().resourceIds().forEach(t.putArray("resourceIds")::add);
        s.targets().partyIds().forEach(t.putArray("partyIds")::add);
        ArrayNode sigs = n.putArray("signals");
        for (Signal sig : s.signals()) {
            ObjectNode sn = sigs.addObject();
            sn.put("signalId", sig.signalId());
            sn.put("name", sig.name());
            sn.put("type", sig.type());
            if (sig.units() != null) {
                sn.put("units", sig.units());
            }
            sn.put("currentValue", e.currentValue(sig, now));
            ArrayNode ivs = sn.putArray("intervals");
            for (Interval iv : sig.intervals()) {
                ivs.addObject().put("uid", iv.uid()).put("duration", iv.duration().toString()).put("value", iv.value());
            }
        }
        return n;
    }

    static ObjectNode ven(Registration r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("venId", r.venId());
        n.put("registrationId", r.registrationId());
        n.put("venName", r.venName());
        n.put("partyId", r.partyId());
        n.put("fingerprint", r.fingerprint());
        n.put("kind", r.kind());
        n.put("transport", r.transport());
        n.put("transportAddress", r.transportAddress());
        n.put("httpPullModel", r.httpPullModel());
        n.put("reportOnly", r.reportOnly());
        n.put("xmlSignature", r.xmlSignature());
        n.put("pollFreq", r.pollFreq().toString());
        r.groupIds().forEach(n.putArray("groupIds")::add);
        r.resourceIds().forEach(n.putArray("resourceIds")::add);
        n.put("registeredAt", r.registeredAt().toString());
        n.put("active", r.active());
        return n;
    }

    /** A VEN plus its exchange model and push outbox state (issue #14); {@code push} null for a pull VEN. */
    static ObjectNode ven(Registration r, org.openvtn.core.PushOutbox.Status push) {
        ObjectNode n = ven(r);
        n.put("exchangeModel", r.httpPullModel() ? "pull" : "push");
        if (push != null) {
            ObjectNode o = n.putObject("outbox");
            o.put("queued", push.queued());
            o.put("attempts", push.attempts());
            o.put("nextAttemptAt", push.nextAttemptAt() == null ? null : push.nextAttemptAt().toString());
            o.put("lastError", push.lastError());
            o.put("lastErrorAt", push.lastErrorAt() == null ? null : push.lastErrorAt().toString());
            o.put("unreachable", push.unreachable());
            o.put("urlForm", push.urlForm().toLowerCase(java.util.Locale.ROOT));
            o.put("delivered", push.delivered());
        }
        return n;
    }

    static ObjectNode opt(OptRecord o) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("optId", o.optId());
        n.put("venId", o.venId());
        n.put("optType", o.optType().wireName());
        n.put("reason", o.reason());
        n.put("marketContext", o.marketContext());
        n.put("eventId", o.eventId());
        if (o.modificationNumber() != null) {
            n.put("modificationNumber", o.modificationNumber());
        }
        o.resourceIds().forEach(n.putArray("resourceIds")::add);
        ArrayNode w = n.putArray("windows");
        o.windows().forEach(x -> w.addObject().put("start", x.start().toString())
                .put("duration", x.duration().toString()));
        n.put("createdAt", o.createdAt().toString());
        n.put("cancelled", o.cancelled());
        return n;
    }

    static ObjectNode reportRequest(ReportRequest r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("reportRequestId", r.reportRequestId());
        n.put("venId", r.venId());
        n.put("reportName", r.reportName());
        n.put("reportSpecifierId", r.reportSpecifierId());
        r.rIds().forEach(n.putArray("rIds")::add);
        n.put("granularity", r.granularity().toString());
        n.put("reportBackDuration", r.reportBackDuration().toString());
        n.put("start", r.start() == null ? null : r.start().toString());
        n.put("duration", r.duration().toString());
        n.put("oneShot", r.oneShot());
        n.put("status", r.status().name().toLowerCase(Locale.ROOT));
        n.put("reportToFollow", r.reportToFollow());
        n.put("createdAt", r.createdAt().toString());
        return n;
    }

    static ObjectNode telemetry(TelemetryPoint p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("venId", p.venId());
        n.put("rId", p.rId());
        n.put("reportRequestId", p.reportRequestId());
        n.put("timestamp", p.timestamp().toString());
        n.put("value", p.value());
        n.put("quality", p.quality());
        return n;
    }
}
