package org.openvtn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Interval;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Signal;
import org.openvtn.core.Targets;

/**
 * Issue #13 "Jackson with records for the stored JSON": the {@code spec} and {@code snapshot} columns keep the
 * format the hand-mapped codec wrote (the literals below are that codec's output), and JSON it wrote, including
 * specs from before {@code randomizeDuration} existed, is still read.
 */
class EventCodecTest {
    private static final String SPEC = "{\"programId\":\"p1\",\"start\":\"2030-01-01T12:00:00Z\",\"priority\":3,"
            + "\"responseRequired\":\"ALWAYS\",\"randomizeStart\":\"PT0S\",\"randomizeDuration\":\"PT-5M\","
            + "\"rampUp\":\"PT1M\",\"recovery\":\"PT0S\",\"testEvent\":true,\"vtnComment\":\"hot day\","
            + "\"targets\":{\"all\":false,\"venIds\":[\"ven1\",\"ven2\"],\"groupIds\":[],\"resourceIds\":[],"
            + "\"partyIds\":[\"p\"]},\"signals\":[{\"signalId\":\"0\",\"name\":\"SIMPLE\",\"type\":\"level\","
            + "\"units\":\"kW\",\"intervals\":[{\"uid\":0,\"duration\":\"PT30M\",\"value\":1.0},"
            + "{\"uid\":1,\"duration\":\"PT15M\",\"value\":2.5}]}]}";
    /** As written before randomizeDuration existed, and without the optional vtnComment and units. */
    private static final String OLD_SPEC = "{\"programId\":\"p1\",\"start\":\"2030-01-01T12:00:00Z\",\"priority\":0,"
            + "\"responseRequired\":\"NEVER\",\"randomizeStart\":\"PT0S\",\"rampUp\":\"PT0S\",\"recovery\":\"PT0S\","
            + "\"testEvent\":false,\"targets\":{\"all\":true,\"venIds\":[],\"groupIds\":[],\"resourceIds\":[],"
            + "\"partyIds\":[]},\"signals\":[{\"signalId\":\"s\",\"name\":\"SIMPLE\",\"type\":\"level\","
            + "\"intervals\":[{\"uid\":0,\"duration\":\"PT1H\",\"value\":0.0}]}]}";

    private static EventSpec spec() {
        return new EventSpec("p1", Instant.parse("2030-01-01T12:00:00Z"), List.of(new Signal("0", "SIMPLE", "level",
                "kW", List.of(new Interval(0, Duration.ofMinutes(30), 1.0), new Interval(1, Duration.ofMinutes(15),
                2.5)))), new Targets(false, Set.of("ven2", "ven1"), Set.of(), Set.of(), Set.of("p")), 3,
                ResponseRequired.ALWAYS, Duration.ZERO, Duration.ofMinutes(-5), Duration.ofMinutes(1), Duration.ZERO,
                true, "hot day");
    }

    /** The spec column: written byte for byte as before, and read back to the same value. */
    @Test
    void specKeepsItsStoredFormat() {
        assertEquals(SPEC, EventCodec.encodeSpec(spec()));
        assertEquals(spec(), EventCodec.decodeSpec(SPEC));
    }

    /** The snapshot column: the event's own fields around the spec. */
    @Test
    void eventKeepsItsStoredFormat() {
        Event e = new Event("e1", 2, true, "http://mc", Instant.parse("2030-01-01T10:00:00Z"),
                Instant.parse("2030-01-01T11:00:00.123Z"), spec());
        String json = "{\"id\":\"e1\",\"modificationNumber\":2,\"cancelled\":true,\"marketContext\":\"http://mc\","
                + "\"createdAt\":\"2030-01-01T10:00:00Z\",\"modifiedAt\":\"2030-01-01T11:00:00.123Z\",\"spec\":"
                + SPEC + "}";
        assertEquals(json, EventCodec.encodeEvent(e));
        assertEquals(e, EventCodec.decodeEvent(json));
    }

    /** A spec stored before randomizeDuration existed reads as none; absent comment and units stay absent. */
    @Test
    void olderSpecIsRead() {
        EventSpec s = EventCodec.decodeSpec(OLD_SPEC);
        assertEquals(Duration.ZERO, s.randomizeDuration());
        assertEquals(null, s.vtnComment());
        assertEquals(null, s.signals().get(0).units());
        assertEquals(Targets.everyone(), s.targets());
        assertEquals(ResponseRequired.NEVER, s.responseRequired());
        assertEquals(OLD_SPEC, EventCodec.encodeSpec(s));
    }

    /** A damaged column is a StoreException naming the problem, not a NullPointerException. */
    @Test
    void corruptJsonIsAStoreException() {
        assertThrows(StoreException.class, () -> EventCodec.decodeSpec("{\"programId\":"));
    }
}
