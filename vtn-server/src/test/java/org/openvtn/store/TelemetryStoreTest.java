package org.openvtn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.core.TelemetryQuery;

/**
 * Telemetry store (issue #12 items 7, 8): one row per (VEN, reportRequestID, rID, dtstart), last write wins; the
 * per-VEN count used by the quota follows commits and forgets rolled-back rows.
 */
class TelemetryStoreTest {
    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");
    private VtnStore store;

    @BeforeEach
    void open() {
        store = JdbcVtnStore.open(Database.openMemory("tel" + UUID.randomUUID().toString().replace("-", "")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static TelemetryPoint p(String ven, int minute, double v) {
        return new TelemetryPoint(ven, "r1", "rr1", T.plusSeconds(60L * minute), v, null);
    }

    /** Issue #12 item 7: retries and duplicates inside one report store one row; a new value overwrites. */
    @Test
    void upsertKeepsOneRowPerKey() {
        assertEquals(2, store.reports().insertTelemetry(List.of(p("v", 0, 1), p("v", 1, 2), p("v", 1, 3))));
        assertEquals(0, store.reports().insertTelemetry(List.of(p("v", 0, 5))));
        List<TelemetryPoint> rows = store.reports().telemetry(new TelemetryQuery("v", null, null, 10));
        assertEquals(List.of(5.0, 3.0), rows.stream().map(TelemetryPoint::value).toList());
    }

    /** Issue #12 item 8: the quota's count is exact across commit and rollback. */
    @Test
    void countFollowsCommitsAndRollbacks() {
        store.reports().insertTelemetry(List.of(p("v", 0, 1), p("v", 1, 1)));
        assertEquals(2, store.reports().telemetryCount("v"));
        assertThrows(IllegalStateException.class, () -> store.inTransaction((java.util.function.Supplier<Object>) () -> {
            store.reports().insertTelemetry(List.of(p("v", 2, 1), p("v", 3, 1), p("v", 4, 1)));
            assertEquals(5, store.reports().telemetryCount("v"));
            throw new IllegalStateException("refused");
        }));
        assertEquals(2, store.reports().telemetryCount("v"));
        store.reports().insertTelemetry(List.of(p("v", 2, 1)));
        assertEquals(3, store.reports().telemetryCount("v"));
        assertEquals(0, store.reports().telemetryCount("other"));
    }
}
