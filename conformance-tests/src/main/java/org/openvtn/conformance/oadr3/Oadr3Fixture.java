package org.openvtn.conformance.oadr3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvtn.conformance.CaseSkipped;

/**
 * The objects the privacy and filter cases build on, created once per run by the case that first needs them: each
 * VEN client creates its own ven ({@code VEN_VEN_REQUEST}) and a resource; the BL client grants each ven the target
 * equal to its venName (Definition "program and event objects - targeting": only BL writes targets to vens), creates
 * a program and one event targeted at each ven; VEN B reports on its event.
 */
public record Oadr3Fixture(JsonNode venA, JsonNode venB, JsonNode resourceA, JsonNode resourceB, JsonNode program,
                           JsonNode eventA, JsonNode eventB, JsonNode reportB) {
    private static final AtomicInteger SLOTS = new AtomicInteger();

    /** @return the target granted to VEN A (its venName) */
    public String targetA() {
        return venA.get("venName").asText();
    }

    public String targetB() {
        return venB.get("venName").asText();
    }

    static Oadr3Fixture create(Oadr3Api api) {
        Oadr3Harness h = api.harness();
        api.ctx().note("creating the fixture (two VENs, their resources, a program, an event per VEN, a report)");
        JsonNode venA = made(api.post(Oadr3Role.VEN_A, "/vens", venVen(h.unique("ven-a"))), "VEN A's ven");
        JsonNode venB = made(api.post(Oadr3Role.VEN_B, "/vens", venVen(h.unique("ven-b"))), "VEN B's ven");
        grant(api, venA);
        grant(api, venB);
        JsonNode resA = made(api.post(Oadr3Role.VEN_A, "/resources", venResource(h.unique("res-a"),
                venA.get("id").asText())), "VEN A's resource");
        JsonNode resB = made(api.post(Oadr3Role.VEN_B, "/resources", venResource(h.unique("res-b"),
                venB.get("id").asText())), "VEN B's resource");
        JsonNode program = made(api.post(Oadr3Role.BL, "/programs", program(h.unique("program"))), "program");
        String pid = program.get("id").asText();
        JsonNode eventA = made(api.post(Oadr3Role.BL, "/events", event(pid, List.of(venA.get("venName").asText()))),
                "event for VEN A");
        JsonNode eventB = made(api.post(Oadr3Role.BL, "/events", event(pid, List.of(venB.get("venName").asText()))),
                "event for VEN B");
        JsonNode reportB = made(api.post(Oadr3Role.VEN_B, "/reports", report(eventB.get("id").asText(),
                venB.get("venName").asText(), resB.get("resourceName").asText())), "VEN B's report");
        return new Oadr3Fixture(venA, venB, resA, resB, program, eventA, eventB, reportB);
    }

    private static void grant(Oadr3Api api, JsonNode ven) {
        ObjectNode body = blVen(ven.path("clientID").asText(), ven.get("venName").asText(),
                List.of(ven.get("venName").asText()));
        Oadr3Answer a = api.put(Oadr3Role.BL, "/vens/" + ven.get("id").asText(), body);
        if (a.status() != 200) {
            throw new CaseSkipped("fixture: the BL client could not grant targets to ven " + ven.get("id") + ": HTTP "
                    + a.status() + " " + Oadr3Api.abbreviate(a.text()));
        }
    }

    private static JsonNode made(Oadr3Answer a, String what) {
        if (a.status() != 201 || a.json() == null || a.id() == null) {
            throw new CaseSkipped("fixture: " + what + " not created: " + a.where() + " answered HTTP " + a.status()
                    + " " + Oadr3Api.abbreviate(a.text()));
        }
        return a.json();
    }

    // ---- request bodies (openadr3.yaml components) --------------------------------------------------------------

    public static ObjectNode program(String name) {
        ObjectNode p = Oadr3Api.object().put("programName", name);
        p.putArray("programDescriptions").addObject().put("URL", "https://conformance.invalid/" + name);
        return p;
    }

    /** An event with two 30-minute SIMPLE intervals, starting in its own future hour (no overlap with others). */
    public static ObjectNode event(String programId, List<String> targets) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(2, ChronoUnit.DAYS)
                .plus(SLOTS.incrementAndGet(), ChronoUnit.HOURS);
        ObjectNode e = Oadr3Api.object().put("programID", programId).put("eventName", "conformance");
        ArrayNode t = e.putArray("targets");
        targets.forEach(t::add);
        e.putObject("intervalPeriod").put("start", start.toString()).put("duration", "PT30M");
        ArrayNode intervals = e.putArray("intervals");
        for (int i = 0; i < 2; i++) {
            ObjectNode iv = intervals.addObject().put("id", i);
            iv.putArray("payloads").addObject().put("type", "SIMPLE").putArray("values").add(2 - i);
        }
        return e;
    }

    public static ObjectNode venVen(String venName) {
        return Oadr3Api.object().put("objectType", "VEN_VEN_REQUEST").put("venName", venName);
    }

    public static ObjectNode blVen(String clientId, String venName, List<String> targets) {
        ObjectNode v = Oadr3Api.object().put("objectType", "BL_VEN_REQUEST").put("clientID", clientId)
                .put("venName", venName);
        ArrayNode t = v.putArray("targets");
        targets.forEach(t::add);
        return v;
    }

    public static ObjectNode venResource(String name, String venId) {
        return Oadr3Api.object().put("objectType", "VEN_RESOURCE_REQUEST").put("resourceName", name)
                .put("venID", venId);
    }

    public static ObjectNode report(String eventId, String clientName, String resourceName) {
        ObjectNode r = Oadr3Api.object().put("eventID", eventId).put("clientName", clientName)
                .put("reportName", "conformance");
        ObjectNode res = r.putArray("resources").addObject().put("resourceName", resourceName);
        res.putObject("intervalPeriod").put("start", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("duration", "PT15M");
        res.putArray("intervals").addObject().put("id", 0).putArray("payloads").addObject().put("type", "USAGE")
                .putArray("values").add(1.5);
        return r;
    }

    /** A subscription of {@code clientName} to {@code objects} x {@code operations} at {@code callbackUrl}. */
    public static ObjectNode subscription(String clientName, String callbackUrl, List<String> objects,
                                          List<String> operations, String bearerToken) {
        ObjectNode s = Oadr3Api.object().put("clientName", clientName);
        ObjectNode op = s.putArray("objectOperations").addObject();
        ArrayNode o = op.putArray("objects");
        objects.forEach(o::add);
        ArrayNode ops = op.putArray("operations");
        operations.forEach(ops::add);
        op.put("callbackUrl", callbackUrl);
        if (bearerToken != null) {
            op.put("bearerToken", bearerToken);
        }
        return s;
    }
}
