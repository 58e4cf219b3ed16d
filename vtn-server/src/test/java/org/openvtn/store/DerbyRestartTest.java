package org.openvtn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.core.AvailabilityWindow;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.certs.testing.MutableClock;
import org.openvtn.core.NewOpt;
import org.openvtn.core.NewReportRequest;
import org.openvtn.core.OptType;
import org.openvtn.core.PollItem;
import org.openvtn.core.Program;
import org.openvtn.core.Registration;
import org.openvtn.core.RegistrationRequest;
import org.openvtn.core.ReportCapability;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.Targets;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.core.TelemetryQuery;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;

/**
 * Issue requirement "everything survives a restart": a file Derby database under a data
 * directory is closed and reopened; registrations, events with their modification history, opts,
 * report registrations/requests, telemetry and queued poll items are intact, and migrations are
 * not re-applied.
 */
class DerbyRestartTest {
    private static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void stateSurvivesRestart() throws Exception {
        MutableClock clock = new MutableClock(T0);
        CoreConfig cfg = CoreConfig.builder().dataDir(dir.resolve("data")).clock(clock).build();
        String eventId;
        String requestId;
        Registration reg;
        try (VtnCore core = VtnCore.open(cfg)) {
            Program p = core.programs().create("prog", "http://MarketContext1");
            reg = core.registrations().register(RegistrationRequest.simple("fp1", "ven1", "Ven 1"));
            core.registrations().updateMembership("ven1", "party1", Set.of("g1"), Set.of("r1"));
            Event e = core.events().create(EventSpec.builder().programId(p.id()).start(T0.plusSeconds(7200))
                    .targets(new Targets(false, Set.of(), Set.of("g1"), Set.of(), Set.of()))
                    .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofMinutes(15), 2.0)))
                    .randomizeStart(Duration.ofMinutes(5)).randomizeDuration(Duration.ofSeconds(-90)).testEvent(true).vtnComment("durable").build());
            core.events().update(e.id(), e.spec().toBuilder().priority(3).build());
            eventId = e.id();
            core.opts().createOpt("ven1", new NewOpt("o1", OptType.OPT_OUT, "economic", null, null, null,
                    List.of("r1"), List.of(new AvailabilityWindow(T0, Duration.ofHours(1)))));
            core.reports().registerCapabilities("ven1", List.of(new ReportCapability("ven1", "RS1",
                    "METADATA_TELEMETRY_USAGE", "power", "r1", "usage", "Direct Read", "W", null, null)));
            ReportRequest rr = core.reports().requestReport("ven1", new NewReportRequest("TELEMETRY_USAGE",
                    List.of(), Duration.ofMinutes(1), Duration.ofMinutes(1), null, null));
            requestId = rr.reportRequestId();
            core.reports().recordTelemetry("ven1", List.of(new TelemetryPoint("ven1", "power", requestId, T0, 42.5,
                    null)));
        }
        assertTrue(Files.isDirectory(dir.resolve("data/db")));

        try (VtnCore core = VtnCore.open(cfg)) {
            Registration r = core.registrations().query("fp1").orElseThrow();
            assertEquals(reg.registrationId(), r.registrationId());
            assertEquals(Set.of("g1"), r.groupIds());
            assertEquals("party1", r.partyId());
            Event e = core.events().get(eventId).orElseThrow();
            assertEquals(1, e.modificationNumber());
            assertEquals(3, e.spec().priority());
            assertEquals(Duration.ofMinutes(5), e.spec().randomizeStart());
            assertEquals(Duration.ofSeconds(-90), e.spec().randomizeDuration());
            assertTrue(e.spec().testEvent());
            assertEquals("durable", e.spec().vtnComment());
            assertEquals(T0.plusSeconds(7200), e.start());
            assertEquals(2, core.events().history(eventId).size());
            assertEquals(1, core.events().eventsFor("ven1").size());
            assertEquals(1, core.opts().optsFor("ven1").size());
            assertEquals(T0, core.opts().optsFor("ven1").get(0).windows().get(0).start());
            assertEquals(1, core.reports().capabilities("ven1").size());
            assertEquals(requestId, core.reports().requests("ven1").get(0).reportRequestId());
            assertEquals(42.5, core.reports().telemetry(new TelemetryQuery("ven1", null, null, 10)).get(0).value());
            List<PollItem> pending = core.pollQueue().pending("ven1");
            assertEquals(List.of(PollItem.Kind.EVENTS_CHANGED, PollItem.Kind.REPORT_REQUESTED),
                    pending.stream().map(PollItem::kind).toList());
            // poll items taken after restart stay taken after the next restart
            core.pollQueue().next("ven1");
        }
        try (VtnCore core = VtnCore.open(cfg)) {
            assertEquals(1, core.pollQueue().pending("ven1").size());
            assertFalse(core.programs().list().isEmpty());
        }
    }

    /** Flyway applies every migration once: a database opened again stays at the same version. */
    @Test
    void migrationsRecordedOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String version;
        try (Database db = Database.openFile(dir)) {
            version = db.schemaVersion();
            assertEquals(LegacySchema.latestVersion(), version);
        }
        try (Database db = Database.openFile(dir)) { // a second open applies nothing and fails on no checksum
            assertEquals(version, db.schemaVersion());
        }
    }
}
