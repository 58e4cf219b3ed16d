package org.openvtn.oadr3.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * An immutable view of a 3.1 {@code event} (openadr3.yaml 3.1.0, schema {@code event}), shaped like the 2.0b
 * {@code DrEvent} where the concepts meet: id, program, name, priority, targets, start and total duration, and the
 * intervals with their payloads. Interval start/duration are resolved as the User Guide describes (an interval's own
 * {@code intervalPeriod}, else the event's period advanced by the preceding durations). {@link #json()} is the object
 * exactly as the VTN sent it, for anything this view does not carry (descriptors, report requests).
 *
 * @param start    the event's start ({@code intervalPeriod.start}, else the first interval's), null if none
 * @param duration the event's total duration, null when not given or not a fixed time span (years, months)
 */
public record Oadr3Event(String id, String programId, String eventName, Integer priority, List<String> targets,
                         Instant start, Duration duration, List<Interval> intervals, Instant modificationDateTime,
                         JsonNode json) {

    /** One interval: its {@code id}, resolved start and duration (null when unknown) and payloads. */
    public record Interval(int id, Instant start, Duration duration, List<Payload> payloads) {
    }

    /** One {@code valuesMap}: payload type ({@code SIMPLE}, {@code PRICE}, ...) and values (numbers, text, booleans). */
    public record Payload(String type, List<Object> values) {
        /** @return the first value as a number, or null */
        public Double number() {
            return !values.isEmpty() && values.get(0) instanceof Number n ? n.doubleValue() : null;
        }
    }

    /** Parses the VTN's JSON; fields outside the view stay in {@link #json()}. */
    public static Oadr3Event of(JsonNode e) {
        JsonNode period = e.path("intervalPeriod");
        Instant evStart = instant(period.path("start"));
        Duration evDuration = duration(period.path("duration"));
        List<Interval> intervals = new ArrayList<>();
        Instant cursor = evStart;
        for (JsonNode i : e.path("intervals")) {
            JsonNode ip = i.path("intervalPeriod");
            Instant s = ip.has("start") ? instant(ip.path("start")) : cursor;
            Duration d = ip.has("duration") ? duration(ip.path("duration")) : evDuration;
            List<Payload> payloads = new ArrayList<>();
            for (JsonNode p : i.path("payloads")) {
                List<Object> values = new ArrayList<>();
                for (JsonNode v : p.path("values")) {
                    values.add(v.isNumber() ? v.numberValue() : v.isBoolean() ? v.asBoolean() : v.isTextual()
                            ? v.asText() : v.toString());
                }
                payloads.add(new Payload(p.path("type").asText(null), List.copyOf(values)));
            }
            intervals.add(new Interval(i.path("id").asInt(), s, d, List.copyOf(payloads)));
            cursor = s != null && d != null ? s.plus(d) : null;
        }
        Instant start = evStart != null ? evStart : intervals.isEmpty() ? null : intervals.get(0).start();
        Duration total = null;
        if (start != null && !intervals.isEmpty() && intervals.stream().allMatch(i -> i.start() != null
                && i.duration() != null)) {
            Instant end = intervals.stream().map(i -> i.start().plus(i.duration())).max(Instant::compareTo).get();
            total = Duration.between(start, end);
        } else if (evDuration != null && intervals.isEmpty()) {
            total = evDuration;
        }
        List<String> targets = new ArrayList<>();
        e.path("targets").forEach(t -> targets.add(t.asText()));
        return new Oadr3Event(e.path("id").asText(null), e.path("programID").asText(null),
                e.path("eventName").isTextual() ? e.get("eventName").asText() : null,
                e.path("priority").canConvertToInt() ? e.get("priority").asInt() : null, List.copyOf(targets), start,
                total, List.copyOf(intervals), instant(e.path("modificationDateTime")), e);
    }

    /** @return the first numeric value of {@code payloadType} in the interval covering {@code at}, or null */
    public Double valueAt(String payloadType, Instant at) {
        for (Interval i : intervals) {
            if (i.start() != null && i.duration() != null && !at.isBefore(i.start())
                    && at.isBefore(i.start().plus(i.duration()))) {
                for (Payload p : i.payloads()) {
                    if (p.type() != null && p.type().equals(payloadType)) {
                        return p.number();
                    }
                }
            }
        }
        return null;
    }

    private static Instant instant(JsonNode n) {
        if (!n.isTextual()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(n.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration duration(JsonNode n) {
        if (!n.isTextual()) {
            return null;
        }
        try {
            return Duration.parse(n.asText());
        } catch (DateTimeParseException e) {
            return null; // years, months, weeks: not a fixed span
        }
    }

    @Override
    public String toString() {
        return "event " + id + " program " + programId + (eventName == null ? "" : " '" + eventName + "'") + " start "
                + start + " duration " + duration + " intervals " + intervals.size();
    }
}
