package org.openvtn.oadr3.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;

/**
 * docs/core-model.md "DER curves": a 3.1 VEN or business logic reading a core event sees no interval for its curve
 * signals (no OpenADR 3.1 payload references an IEEE 2030.5 curve); the other signals keep theirs.
 */
class EventMappingCurveTest {
    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

    @Test
    void curveSignalsHaveNoInterval() {
        EventSpec spec = EventSpec.builder().programId("p").start(T0).targets(Targets.everyone())
                .responseRequired(ResponseRequired.NEVER)
                .signal("x-opModVoltVar", "level", null, List.of(Map.entry(Duration.ofMinutes(30), 1.0)))
                .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofMinutes(30), 2.0))).build();
        ObjectNode o = EventMapping.fromCore(new Event("e", 0, false, "mc", T0, T0, spec));
        assertEquals(1, o.get("intervals").size());
        assertEquals("SIMPLE", o.get("intervals").get(0).get("payloads").get(0).get("type").asText());
    }
}
