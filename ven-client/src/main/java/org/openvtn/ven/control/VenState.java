package org.openvtn.ven.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvtn.ven.DrEvent;
import org.openvtn.ven.VenClient;

/** The {@code GET /state} answer: what a conformance suite needs to judge the VEN's own view. */
final class VenState {
    private VenState() {
    }

    static Map<String, Object> of(VenClient ven) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("venName", ven.venName());
        out.put("registered", ven.registration().isPresent());
        ven.registration().ifPresent(r -> {
            out.put("venId", r.venId());
            out.put("registrationId", r.registrationId());
            out.put("vtnId", r.vtnId());
        });
        List<Object> events = new ArrayList<>();
        for (DrEvent e : ven.events()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("eventId", e.eventId());
            m.put("modificationNumber", e.modificationNumber());
            m.put("vtnStatus", e.vtnStatus());
            m.put("state", e.state().name());
            m.put("testEvent", e.testEvent());
            m.put("dtstart", e.dtstart().toString());
            m.put("startAfter", e.startAfter().toString());
            m.put("effectiveStart", e.effectiveStart().toString());
            m.put("responseRequired", e.responseRequired().name());
            events.add(m);
        }
        out.put("events", events);
        out.put("reportRequests", ven.pendingReports());
        return out;
    }
}
