package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.NewReportRequest;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.Targets;
import org.openvtn.core.TelemetryQuery;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;

/** Restart durability: stop, start on the same data directory, registration, events, queue and telemetry intact. */
class RestartIT {
    @TempDir
    Path dataDir;

    @Test
    void stateSurvivesRestart() {
        try (OadrHarness vtn = OadrHarness.onDisk(dataDir)) {
            ScriptedVen ven = vtn.newVen();
            OadrCreatedPartyRegistrationType reg = ven.register();
            ven.poll();
            String program = vtn.server.core().programs().create("restart", "http://market.example/r").id();
            Event e = vtn.server.core().events().create(EventSpec.builder().programId(program)
                    .start(vtn.clock.instant().plus(Duration.ofHours(1))).targets(Targets.vens(ven.venId))
                    .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofHours(1), 2.0))).build());
            ven.post("EiReport", OadrXml.registerReport(ven.venId, true));
            ReportRequest rr = vtn.server.core().reports().requestReport(ven.venId, new NewReportRequest(
                    "TELEMETRY_USAGE", List.of(), Duration.ofMinutes(1), Duration.ofMinutes(1), null, null));
            ven.pollFor(OadrDistributeEventType.class);
            ven.post("EiReport", OadrXml.updateReport(ven.venId, rr.reportRequestId(), "spec-usage",
                    "TELEMETRY_USAGE", "power-1"));

            vtn.stop();
            vtn.start();

            ScriptedVen again = vtn.ven(ven.credential);
            again.venId = ven.venId;
            OadrCreatedPartyRegistrationType q = again.query();
            assertEquals(reg.getRegistrationID(), q.getRegistrationID());
            assertEquals(rr.reportRequestId(), again.pollFor(OadrCreateReportType.class).getOadrReportRequest()
                    .get(0).getReportRequestID());
            assertInstanceOf(OadrResponseType.class, again.poll());
            OadrDistributeEventType d = again.send("EiEvent", RegistrationIT.requestEvent(ven.venId),
                    OadrDistributeEventType.class);
            assertEquals(e.id(), d.getOadrEvent().get(0).getEiEvent().getEventDescriptor().getEventID());
            assertEquals(2, vtn.server.core().reports().telemetry(new TelemetryQuery(ven.venId, null, null, 10))
                    .size());
        }
    }
}
