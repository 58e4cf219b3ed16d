package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Program;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlList;

/**
 * Retention of completed events (sep.eventRetention; IEEE 2030.5-2018 §10.10 DERControlList, docs/ieee-2030.5.md
 * "Retention"): with a retention of one hour, a completed control stays in the DERControlList (not in the active list)
 * and its item stays readable until an hour after its end, then leaves both; a cancelled one likewise (Cancelled).
 */
class SepRetentionIT {
    private static SepFixture fx;

    @BeforeAll
    static void start() {
        fx = new SepFixture(Duration.ofHours(1));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static Event event(Program p, String lfdi, Duration in, double kw) {
        return fx.core.events().create(EventSpec.builder().programId(p.id()).start(SepFixture.T0.plus(in))
                .targets(Targets.vens(lfdi)).responseRequired(ResponseRequired.NEVER)
                .signal("LOAD_DISPATCH", "setpoint", "kW", List.of(Map.entry(Duration.ofMinutes(30), kw))).build());
    }

    @Test
    void completedAndCancelledControlsStayListedForTheRetention() throws Exception {
        Credential cred = SepFixture.PKI.device();
        String lfdi = SepIdentity.lfdi(cred.certificate());
        Program p = fx.core.programs().create("retention", "http://example.com/retention");
        try (SepFixture.Client device = fx.client(cred)) {
            String derp = SepServerIT.register(device, cred) + "/derp/" + p.id();
            event(p, lfdi, Duration.ofMinutes(10), 5);
            Event cancelled = event(p, lfdi, Duration.ofMinutes(50), 3);
            fx.core.events().cancel(cancelled.id());
            String href = device.get(derp + "/derc?l=10").resource(DERControlList.class).getDERControl().get(0)
                    .getHref();

            fx.clock.set(SepFixture.T0.plus(Duration.ofMinutes(41))); // the first ended 1 min ago
            DERControlList list = device.get(derp + "/derc?l=10").resource(DERControlList.class);
            assertEquals(2, list.getAll(), "a completed control stays listed during the retention");
            assertEquals(href, list.getDERControl().get(0).getHref());
            assertEquals(0, device.get(derp + "/actderc?l=10").resource(DERControlList.class).getAll(),
                    "an ended control is never active");
            assertEquals(200, device.get(href).status());

            fx.clock.set(SepFixture.T0.plus(Duration.ofMinutes(100))); // first: 60 min after its end, gone
            list = device.get(derp + "/derc?l=10").resource(DERControlList.class);
            assertEquals(1, list.getAll());
            DERControl c = list.getDERControl().get(0);
            assertEquals(2, c.getEventStatus().getCurrentStatus(), "the cancelled one, 20 min after its end");
            assertEquals(404, device.get(href).status(), "gone after the retention");

            fx.clock.set(SepFixture.T0.plus(Duration.ofMinutes(141)));
            assertEquals(0, device.get(derp + "/derc?l=10").resource(DERControlList.class).getAll());
        } finally {
            fx.clock.set(SepFixture.T0);
        }
    }
}
