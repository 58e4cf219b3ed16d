package org.openvtn.oadr3.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The VEN's change detection and event view, without I/O: a poll's complete list yields new / modified / cancelled
 * (the 2.0b listener's meanings, docs/ven-client.md mapping table); interval timing resolved as the 3.1 User Guide
 * describes (own intervalPeriod, else the event's advanced by durations); client config validation names the field.
 */
class EventTrackerTest {
    static JsonNode ev(String id, String name) {
        return Oadr3BlClient.json("""
                {"id":"%s","programID":"p","eventName":"%s","priority":1,"targets":["a"],
                 "intervalPeriod":{"start":"2030-01-01T10:00:00Z","duration":"PT15M"},
                 "intervals":[{"id":0,"payloads":[{"type":"SIMPLE","values":[2]}]},
                              {"id":1,"payloads":[{"type":"PRICE","values":[0.25]}]},
                              {"id":2,"intervalPeriod":{"start":"2030-01-01T11:00:00Z","duration":"PT1H"},
                               "payloads":[{"type":"SIMPLE","values":[1]}]}]}""".formatted(id, name));
    }

    @Test
    void aCompleteListYieldsNewModifiedAndCancelled() {
        EventTracker t = new EventTracker();
        List<EventTracker.Change> first = t.applyList(List.of(ev("1", "a"), ev("2", "b")));
        assertEquals(List.of(EventTracker.Kind.NEW, EventTracker.Kind.NEW), first.stream().map(c -> c.kind()).toList());
        assertEquals(List.of(), t.applyList(List.of(ev("1", "a"), ev("2", "b"))), "same objects: nothing");
        List<EventTracker.Change> second = t.applyList(List.of(ev("1", "a2")));
        assertEquals(2, second.size());
        assertEquals(EventTracker.Kind.MODIFIED, second.get(0).kind());
        assertEquals("a", second.get(0).previous().eventName());
        assertEquals(EventTracker.Kind.CANCELLED, second.get(1).kind());
        assertEquals("2", second.get(1).event().id());
        assertEquals(EventTracker.Kind.CANCELLED, t.remove("1").kind());
        assertNull(t.remove("1"), "cancelled once");
        assertEquals(List.of(), t.snapshot());
    }

    @Test
    void theEventViewResolvesIntervals() {
        Oadr3Event e = Oadr3Event.of(ev("1", "a"));
        assertEquals(Instant.parse("2030-01-01T10:00:00Z"), e.start());
        assertEquals(Instant.parse("2030-01-01T10:15:00Z"), e.intervals().get(1).start());
        assertEquals(Duration.ofHours(2), e.duration());
        assertEquals(2.0, e.valueAt("SIMPLE", Instant.parse("2030-01-01T10:05:00Z")));
        assertEquals(0.25, e.valueAt("PRICE", Instant.parse("2030-01-01T10:20:00Z")));
        assertEquals(1.0, e.valueAt("SIMPLE", Instant.parse("2030-01-01T11:30:00Z")));
        assertNull(e.valueAt("SIMPLE", Instant.parse("2030-01-01T10:45:00Z")), "gap between intervals");
        assertEquals(List.of("a"), e.targets());
        assertEquals(1, e.priority());
    }

    @Test
    void configValidationNamesTheField() {
        assertEquals("baseUrl must be an https URL with a host: http://x/a", assertThrows(
                IllegalArgumentException.class, () -> Oadr3ClientConfig.builder().baseUrl("http://x/a").build())
                .getMessage());
        assertEquals("trustAnchors (or trustAnchorFile) is required: no trust-all", assertThrows(
                IllegalArgumentException.class, () -> Oadr3ClientConfig.builder().baseUrl("https://x/a")
                        .clientId("c").clientSecret("s").build()).getMessage());
        assertEquals("clientSecret is required", assertThrows(IllegalArgumentException.class,
                () -> Oadr3ClientConfig.builder().baseUrl("https://x/a").clientId("c").build()).getMessage());
    }
}
