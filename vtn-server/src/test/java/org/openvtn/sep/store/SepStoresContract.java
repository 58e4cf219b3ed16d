package org.openvtn.sep.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.core.PollItem;
import org.openvtn.core.PushOutboxService;
import org.openvtn.store.Database;
import org.openvtn.store.JdbcPushStore;
import org.openvtn.store.JdbcVtnStore;
import org.openvtn.store.StoreException;

/**
 * The queue and record stores on one database engine (issue #19: the same SQL on Derby and PostgreSQL): identity
 * keys, LOB bodies, OFFSET/FETCH paging, update-or-insert, duplicate keys, UTC timestamps. Subclasses name the engine.
 * Protects the durable state behind IEEE 2030.5-2018 §5.4 (Subscription/Notification outbox), the Response and
 * LogEvent list paging, and the OpenADR 2.0b poll queue and push outbox (profile §8.1, §9.1).
 */
abstract class SepStoresContract {
    static final Instant T0 = Instant.parse("2030-01-01T12:00:00.123Z");

    JdbcVtnStore store;

    /** @return a fresh, migrated database of the engine under test */
    abstract Database open();

    @BeforeEach
    void openStore() {
        store = JdbcVtnStore.open(open());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** EndDevices: identity ids, UTC instants round trip, a duplicate LFDI is refused (unique constraint). */
    @Test
    void devicesAndDuplicates() {
        JdbcSepStore devices = JdbcSepStore.on(store);
        SepEndDevice a = devices.insert("aa".repeat(20), 1L, T0);
        SepEndDevice b = devices.insert("bb".repeat(20), 2L, T0);
        assertTrue(b.id() > a.id());
        assertEquals(T0, devices.find(a.id()).orElseThrow().changedTime());
        assertThrows(StoreException.class, () -> devices.insert("aa".repeat(20), 3L, T0));
        assertEquals(2, devices.list().size(), "the failed insert left nothing behind");
    }

    /** Subscription notification outbox: binary bodies kept exactly, read in id order in pages, completed. */
    @Test
    void notificationOutbox() {
        JdbcSepStore devices = JdbcSepStore.on(store);
        long dev = devices.insert("cc".repeat(20), 3L, T0).id();
        JdbcSubscriptionStore subs = JdbcSubscriptionStore.on(store);
        SepSubscription s = subs.insert(dev, "/edev/1/derp/1/derc", (short) 0, "+S1", 10, "https://d/n", T0);
        byte[] body = "<Notification>\u00e9</Notification>".getBytes(StandardCharsets.UTF_8);
        List<JdbcSubscriptionStore.Queued> q = subs.enqueue(List.of(Map.entry(s.id(), body), Map.entry(s.id(),
                new byte[] {0, 1, 2, (byte) 255})), T0);
        assertEquals(2, subs.pendingCount());
        List<JdbcSubscriptionStore.Queued> first = subs.pending(s.id(), 0, 1);
        assertEquals(1, first.size());
        assertArrayEquals(body, first.get(0).body());
        List<JdbcSubscriptionStore.Queued> rest = subs.pending(s.id(), first.get(0).id(), 10);
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, rest.get(0).body());
        subs.complete(List.of(q.get(0).id(), q.get(1).id()), Map.of(s.id(), 1L), Map.of(s.id(), 1L));
        assertEquals(0, subs.pendingCount());
        SepSubscription after = subs.find(s.id()).orElseThrow();
        assertEquals(1, after.delivered());
        assertEquals(1, after.dropped());
    }

    /**
     * Subscription Condition (IEEE 2030.5-2018 §5.6, issue #17, V44): stored with Int48 thresholds, replaced and
     * removed by an update; a subscription without one reads back without one.
     */
    @Test
    void subscriptionCondition() {
        long dev = JdbcSepStore.on(store).insert("c1".repeat(20), 31L, T0).id();
        JdbcSubscriptionStore subs = JdbcSubscriptionStore.on(store);
        SepSubscription.Condition band = new SepSubscription.Condition((short) 0, -140_737_488_355_328L,
                140_737_488_355_327L);
        SepSubscription s = subs.insert(dev, "/upt/1/mr/1/r", (short) 0, "+S1", 1, "https://d/n", band, T0);
        assertEquals(band, subs.find(s.id()).orElseThrow().condition());
        SepSubscription.Condition narrow = new SepSubscription.Condition((short) 0, 100, 200);
        assertEquals(narrow, subs.update(s.id(), "+S1", 1, "https://d/n", narrow).orElseThrow().condition());
        assertEquals(null, subs.update(s.id(), "+S1", 1, "https://d/n", null).orElseThrow().condition());
        assertEquals(null, subs.insert(dev, "/edev/1", (short) 0, "+S1", 1, "https://d/n", T0).condition());
    }

    /** Response and LogEvent lists: OFFSET/FETCH pages, trims beyond a quota, DER resources update-or-insert. */
    @Test
    void recordPagingAndUpserts() {
        long dev = JdbcSepStore.on(store).insert("dd".repeat(20), 4L, T0).id();
        JdbcSepRecordStore records = JdbcSepRecordStore.on(store);
        for (int i = 0; i < 5; i++) {
            records.insertResponse(dev, "rs1", "DERControl", "subj" + i, (short) 1, T0.plusSeconds(i), T0, null);
            records.insertLogEvent(dev, T0.plusSeconds(i), ("log" + i).getBytes(StandardCharsets.UTF_8));
        }
        List<SepRecords.Response> page = records.responsePage(dev, "rs1", 1, 2);
        assertEquals(List.of("subj1", "subj2"), page.stream().map(SepRecords.Response::subject).toList());
        List<SepRecords.Document> logs = records.logEventPage(dev, 0, 2);
        assertEquals("log4", new String(logs.get(0).body(), StandardCharsets.UTF_8), "newest first");
        assertEquals(2, records.trimResponses(dev, 3));
        assertEquals(3, records.responseCount(dev, "rs1"));
        assertEquals(1, records.trimLogEvents(dev, 4));
        assertEquals(4, records.logEventCount(dev));
        records.putDer(dev, "DERStatus", new byte[] {1}, T0);
        records.putDer(dev, "DERStatus", new byte[] {2}, T0);
        assertArrayEquals(new byte[] {2}, records.der(dev, "DERStatus").orElseThrow());
    }

    /** Per-program primacy (IEEE 2030.5-2018 DERProgram.primacy, UInt8): V11 round trip, upsert, the full range. */
    @Test
    void programPrimacy() {
        JdbcSepRecordStore records = JdbcSepRecordStore.on(store);
        assertTrue(records.programPrimacy("p1").isEmpty());
        records.putProgramPrimacy("p1", 3, T0);
        records.putProgramPrimacy("p1", 255, T0.plusSeconds(1));
        records.putProgramPrimacy("p2", 0, T0);
        assertEquals(255, records.programPrimacy("p1").orElseThrow());
        assertEquals(0, records.programPrimacy("p2").orElseThrow());
    }

    /** OpenADR 2.0b poll queue: identity order, claim inside a transaction, delivery marks, deletes. */
    @Test
    void pollQueue() {
        PollItem a = store.polls().insert("ven1", PollItem.Kind.EVENTS_CHANGED, null, T0);
        PollItem b = store.polls().insert("ven1", PollItem.Kind.REPORT_REQUESTED, "rr1", T0);
        List<PollItem> claimed = store.inTransaction(() -> store.polls().claim("ven1"));
        assertEquals(List.of(a.seq(), b.seq()), claimed.stream().map(PollItem::seq).toList());
        store.polls().markSent(a.seq(), T0.plusSeconds(1));
        PollItem sent = store.polls().list("ven1").get(0);
        assertEquals(T0.plusSeconds(1), sent.sentAt());
        assertEquals(1, sent.deliveries());
        store.polls().delete(a.seq());
        assertEquals(1, store.polls().list("ven1").size());
        assertTrue(store.polls().list("ven2").isEmpty());
    }

    /** OpenADR 2.0b push outbox: CLOB payloads, head order, superseded entries, state update-or-insert. */
    @Test
    void pushOutbox() {
        JdbcPushStore push = JdbcPushStore.on(store);
        String big = "<oadrPayload>" + "x".repeat(40_000) + "</oadrPayload>";
        PushOutboxService.Entry e1 = push.append("ven1", "EVENTS", null, big, T0);
        push.append("ven1", "EVENTS", null, "<b/>", T0);
        push.append("ven1", "EVENTS", null, "<c/>", T0);
        assertEquals(big, push.head("ven1").orElseThrow().payload());
        assertEquals(2, push.deleteSupersededExceptHead("ven1", "EVENTS"));
        push.delete(e1.seq());
        assertFalse(push.head("ven1").isPresent());
        push.save(new PushOutboxService.State("ven1", 1, T0, "refused", T0, true, "path", 0, null));
        push.save(new PushOutboxService.State("ven1", 2, T0.plusSeconds(5), "refused", T0, true, "path", 3, "r1"));
        PushOutboxService.State st = push.state("ven1");
        assertEquals(2, st.attempts());
        assertEquals(T0.plusSeconds(5), st.nextAttemptAt());
        assertTrue(st.unreachable());
        assertEquals(1, push.unreachableCount());
    }
}
