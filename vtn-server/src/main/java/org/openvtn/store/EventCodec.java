package org.openvtn.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Interval;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Signal;
import org.openvtn.core.Targets;

/**
 * JSON form of {@link EventSpec} / {@link Event} used for the {@code spec} and {@code snapshot}
 * CLOB columns. Internal storage format (not the admin API format); field names are stable.
 */
final class EventCodec {
    private EventCodec() {
    }

    static String encodeSpec(EventSpec s) {
        return write(specNode(s));
    }

    static String encodeEvent(Event e) {
        ObjectNode n = Jdbc.JSON.createObjectNode();
        n.put("id", e.id());
        n.put("modificationNumber", e.modificationNumber());
        n.put("cancelled", e.cancelled());
        n.put("marketContext", e.marketContext());
        n.put("createdAt", e.createdAt().toString());
        n.put("modifiedAt", e.modifiedAt().toString());
        n.set("spec", specNode(e.spec()));
        return write(n);
    }

    static Event decodeEvent(String json) {
        JsonNode n = read(json);
        return new Event(n.get("id").asText(), n.get("modificationNumber").asLong(), n.get("cancelled").asBoolean(),
                n.get("marketContext").asText(), Instant.parse(n.get("createdAt").asText()),
                Instant.parse(n.get("modifiedAt").asText()), spec(n.get("spec")));
    }

    static EventSpec decodeSpec(String json) {
        return spec(read(json));
    }

    private static ObjectNode specNode(EventSpec s) {
        ObjectNode n = Jdbc.JSON.createObjectNode();
        n.put("programId", s.programId());
        n.put("start", s.start().toString());
        n.put("priority", s.priority());
        n.put("responseRequired", s.responseRequired().name());
        n.put("randomizeStart", s.randomizeStart().toString());
        if (!s.randomizeDuration().isZero()) {
            n.put("randomizeDuration", s.randomizeDuration().toString());
        }
        n.put("rampUp", s.rampUp().toString());
        n.put("recovery", s.recovery().toString());
        n.put("testEvent", s.testEvent());
        if (s.vtnComment() != null) {
            n.put("vtnComment", s.vtnComment());
        }
        ObjectNode t = n.putObject("targets");
        t.put("all", s.targets().all());
        strings(t.putArray("venIds"), s.targets().venIds());
        strings(t.putArray("groupIds"), s.targets().groupIds());
        strings(t.putArray("resourceIds"), s.targets().resourceIds());
        strings(t.putArray("partyIds"), s.targets().partyIds());
        ArrayNode sigs = n.putArray("signals");
        for (Signal sig : s.signals()) {
            ObjectNode sn = sigs.addObject();
            sn.put("signalId", sig.signalId());
            sn.put("name", sig.name());
            sn.put("type", sig.type());
            if (sig.units() != null) {
                sn.put("units", sig.units());
            }
            ArrayNode ivs = sn.putArray("intervals");
            for (Interval iv : sig.intervals()) {
                ObjectNode in = ivs.addObject();
                in.put("uid", iv.uid());
                in.put("duration", iv.duration().toString());
                in.put("value", iv.value());
            }
        }
        return n;
    }

    private static EventSpec spec(JsonNode n) {
        List<Signal> signals = new ArrayList<>();
        for (JsonNode sn : n.get("signals")) {
            List<Interval> ivs = new ArrayList<>();
            for (JsonNode in : sn.get("intervals")) {
                ivs.add(new Interval(in.get("uid").asInt(), Duration.parse(in.get("duration").asText()),
                        in.get("value").asDouble()));
            }
            signals.add(new Signal(sn.get("signalId").asText(), sn.get("name").asText(), sn.get("type").asText(),
                    sn.hasNonNull("units") ? sn.get("units").asText() : null, ivs));
        }
        JsonNode t = n.get("targets");
        Targets targets = new Targets(t.get("all").asBoolean(), strings(t.get("venIds")), strings(t.get("groupIds")),
                strings(t.get("resourceIds")), strings(t.get("partyIds")));
        // Stored specs were validated when written; rebuild without re-validation so that rule
        // changes never make stored history unreadable.
        return new EventSpec(n.get("programId").asText(), Instant.parse(n.get("start").asText()), signals, targets,
                n.get("priority").asLong(), ResponseRequired.valueOf(n.get("responseRequired").asText()),
                Duration.parse(n.get("randomizeStart").asText()),
                // absent in specs stored before randomizeDuration existed: none
                n.hasNonNull("randomizeDuration") ? Duration.parse(n.get("randomizeDuration").asText()) : Duration.ZERO,
                Duration.parse(n.get("rampUp").asText()),
                Duration.parse(n.get("recovery").asText()), n.get("testEvent").asBoolean(),
                n.hasNonNull("vtnComment") ? n.get("vtnComment").asText() : null);
    }

    private static void strings(ArrayNode a, Set<String> values) {
        values.forEach(a::add);
    }

    private static Set<String> strings(JsonNode a) {
        Set<String> out = new TreeSet<>();
        if (a != null) {
            a.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    private static String write(JsonNode n) {
        try {
            return Jdbc.JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode event", e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return Jdbc.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("corrupt event JSON in database", e);
        }
    }
}
