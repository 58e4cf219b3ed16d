package org.openvtn.oadr3.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Interval;
import org.openvtn.core.Signal;
import org.openvtn.core.Targets;

/**
 * The one-model mapping between an OpenADR 3.1 event (openadr3.yaml {@code eventRequest} / {@code event}) and the
 * core {@link EventSpec} (docs/openadr-3.md has the table and what is dropped each way):
 * intervals become consecutive core intervals (one core signal per payload type, 2.0b interval uids by position),
 * {@code SIMPLE} maps to the 2.0b SIMPLE/level signal, {@code PRICE} with a currency to ELECTRICITY_PRICE/price,
 * every other type to a private {@code x-<type>} signal; 3.1 target strings are matched against a 2.0b VEN's venID,
 * party, groups and resources (union); no targets = every VEN.
 */
final class EventMapping {
    private EventMapping() {
    }

    /** @return the core spec of a validated 3.1 eventRequest */
    static EventSpec toSpec(ObjectNode body, Instant now) {
        EventSpec.Builder b = EventSpec.builder().programId(body.path("programID").asText());
        JsonNode ip = body.get("intervalPeriod");
        Instant defaultStart = ip == null ? null : Oadr3Json.instant(ip.get("start"), "intervalPeriod.start", now);
        Duration defaultDuration = ip == null ? null : fixed(ip.get("duration"), "intervalPeriod.duration");
        Duration randomize = ip == null ? null : Oadr3Json.duration(ip.get("randomizeStart"), "intervalPeriod.randomizeStart");
        JsonNode intervals = body.get("intervals");
        if (intervals == null || intervals.isEmpty()) {
            throw Oadr3Exception.badRequest("intervals: an event needs at least one interval to be scheduled");
        }
        Instant start = null;
        Instant cursor = null;
        Map<String, List<Interval>> byType = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode interval : intervals) {
            String f = "intervals[" + index + "]";
            JsonNode own = interval.get("intervalPeriod");
            Instant s = own == null ? null : Oadr3Json.instant(own.get("start"), f + ".intervalPeriod.start", now);
            Duration d = own == null ? null : fixed(own.get("duration"), f + ".intervalPeriod.duration");
            if (s == null) {
                s = cursor != null ? cursor : (defaultStart != null ? defaultStart : now);
            } else if (cursor != null && !s.equals(cursor)) {
                throw Oadr3Exception.badRequest(f + ".intervalPeriod.start: intervals must follow each other without"
                        + " gaps or overlaps on this VTN (one core event, docs/openadr-3.md)");
            }
            if (d == null) {
                d = defaultDuration;
            }
            if (d == null || d.isZero() || d.isNegative()) {
                throw Oadr3Exception.badRequest(f + ": a positive duration is required (interval or event intervalPeriod)");
            }
            if (start == null) {
                start = s;
            }
            cursor = s.plus(d);
            for (JsonNode payload : interval.path("payloads")) {
                String type = payload.path("type").asText();
                List<Interval> list = byType.computeIfAbsent(type, t -> new ArrayList<>());
                if (list.size() != index) {
                    throw Oadr3Exception.badRequest(f + ".payloads: payload type " + type + " must appear once in"
                            + " every interval (a core signal spans the whole event)");
                }
                list.add(new Interval(index, d, number(payload.path("values"), f + ".payloads." + type)));
            }
            index++;
        }
        for (Map.Entry<String, List<Interval>> e : byType.entrySet()) {
            if (e.getValue().size() != index) {
                throw Oadr3Exception.badRequest("intervals: payload type " + e.getKey() + " must appear once in every"
                        + " interval (a core signal spans the whole event)");
            }
            b.signal(signal(e.getKey(), e.getValue(), body.get("payloadDescriptors")));
        }
        b.start(start).targets(targets(body.get("targets")));
        if (body.hasNonNull("priority")) {
            b.priority(body.get("priority").asLong());
        }
        if (randomize != null) {
            b.randomizeStart(randomize);
        }
        if (body.hasNonNull("eventName")) {
            b.vtnComment(body.get("eventName").asText());
        }
        return b.build();
    }

    private static Duration fixed(JsonNode n, String field) {
        if (n != null && Oadr3Json.INFINITE.equals(n.asText())) {
            throw Oadr3Exception.badRequest(field + ": unbounded events (P9999Y) cannot be sent to 2.0b VENs;"
                    + " give a fixed duration");
        }
        return Oadr3Json.duration(n, field);
    }

    private static double number(JsonNode values, String field) {
        JsonNode v = values.path(0);
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? 1 : 0;
        }
        throw Oadr3Exception.badRequest(field + ": the core model carries one number per interval and signal;"
                + " this value is " + (v.isMissingNode() ? "missing" : v.getNodeType().name().toLowerCase()));
    }

    private static Signal signal(String type, List<Interval> intervals, JsonNode descriptors) {
        String id = type;
        if ("SIMPLE".equals(type)) {
            return new Signal(id, "SIMPLE", "level", null, intervals);
        }
        if ("PRICE".equals(type)) {
            for (JsonNode d : descriptors == null ? List.<JsonNode>of() : (Iterable<JsonNode>) descriptors::elements) {
                if ("PRICE".equals(d.path("payloadType").asText()) && d.hasNonNull("currency")) {
                    String units = d.get("currency").asText() + (d.hasNonNull("units") ? "/" + d.get("units").asText() : "");
                    return new Signal(id, "ELECTRICITY_PRICE", "price", units, intervals);
                }
            }
        }
        return new Signal(id, "x-" + type, "x-" + type, null, intervals);
    }

    /** 3.1 target strings -> core targets (union over venID, group, resource, party); none = every VEN. */
    static Targets targets(JsonNode targets) {
        Set<String> t = Oadr3Json.strings(targets);
        return t.isEmpty() ? Targets.everyone() : new Targets(false, t, t, t, t);
    }

    /** core targets -> 3.1 target strings; every VEN = null (no targets). */
    static JsonNode targets(Targets t) {
        if (t.all()) {
            return Oadr3Json.MAPPER.nullNode();
        }
        Set<String> all = new LinkedHashSet<>(t.participantIds());
        all.addAll(t.groupIds());
        all.addAll(t.resourceIds());
        all.addAll(t.partyIds());
        return Oadr3Json.array(all);
    }

    /** @return whether core targets address a 3.1 VEN known by these strings (venName, its targets, resources) */
    static boolean matches(Targets t, Set<String> audience) {
        if (t.all()) {
            return true;
        }
        for (String s : audience) {
            if (t.participantIds().contains(s) || t.groupIds().contains(s) || t.resourceIds().contains(s)
                    || t.partyIds().contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** The 3.1 representation of a core event that was not written through 3.1 (admin API, 2.0b tooling). */
    static ObjectNode fromCore(Event e) {
        ObjectNode o = Oadr3Json.object();
        EventSpec s = e.spec();
        o.put("programID", e.programId());
        if (s.vtnComment() != null) {
            o.put("eventName", s.vtnComment());
        }
        o.put("priority", s.priority());
        o.set("targets", targets(s.targets()));
        ObjectNode ip = o.putObject("intervalPeriod");
        ip.put("start", Oadr3Json.time(e.start()));
        ip.put("duration", e.duration().toString());
        if (!s.randomizeStart().isZero()) {
            ip.put("randomizeStart", s.randomizeStart().toString());
        }
        ArrayNode intervals = o.putArray("intervals");
        int id = 0;
        for (Signal sig : s.openAdrSignals()) { // curve signals: nothing for OpenADR (docs/core-model.md "DER curves")
            Instant cursor = e.start();
            for (Interval i : sig.intervals()) {
                ObjectNode in = intervals.addObject();
                in.put("id", id++);
                ObjectNode iip = in.putObject("intervalPeriod");
                iip.put("start", Oadr3Json.time(cursor));
                iip.put("duration", i.duration().toString());
                ObjectNode p = in.putArray("payloads").addObject();
                p.put("type", payloadType(sig));
                p.putArray("values").add(i.value());
                cursor = cursor.plus(i.duration());
            }
        }
        return o;
    }

    private static String payloadType(Signal s) {
        if (s.name().startsWith("x-")) {
            return s.name().substring(2);
        }
        if ("ELECTRICITY_PRICE".equals(s.name()) && "price".equals(s.type())) {
            return "PRICE";
        }
        return "SIMPLE".equals(s.name()) ? "SIMPLE" : s.name() + "_" + s.type().toUpperCase(java.util.Locale.ROOT);
    }
}
