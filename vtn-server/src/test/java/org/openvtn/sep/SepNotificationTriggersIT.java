package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Program;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.FunctionSetAssignmentsList;

/**
 * Notification triggers beyond operator edits (IEEE 2030.5-2018 §5.6; EventStatus: "devices can also subscribe ...
 * to get updates when any of its attributes change, including the Status object"; CSIP CORE-018/019): time moving a
 * control from Scheduled to Active and past its end, an event retargeted away from the device, and a new program
 * (FunctionSetAssignmentsList). Time comes from the fixture's MutableClock; {@code processChanges()} makes the
 * server look at the clock now instead of at its next timer tick (no sleeping).
 */
class SepNotificationTriggersIT {
    private SepFixture fx;
    private Credential cred;
    private SepFixture.Client device;
    private NotificationListener listener;
    private String edev;
    private Program program;

    @BeforeEach
    void start() throws Exception {
        fx = new SepFixture();
        cred = SepFixture.PKI.device();
        device = fx.client(cred);
        listener = new NotificationListener(cred);
        edev = SepServerIT.register(device, cred);
        program = fx.core.programs().create("trig", "http://example.com/trig");
        fx.server.processChanges(); // the program above is known before anyone subscribes
    }

    @AfterEach
    void stop() throws Exception {
        listener.close();
        device.close();
        fx.close();
    }

    private void subscribe(String resource) throws Exception {
        SepFixture.Reply r = device.post(edev + "/sub", SepSubscriptionIT.subscription(resource, listener.uri(), 10));
        assertEquals(201, r.status(), r.text());
    }

    private EventSpec spec(String lfdi) {
        return EventSpec.builder().programId(program.id()).start(SepFixture.T0.plusSeconds(600))
                .targets(Targets.vens(lfdi)).responseRequired(ResponseRequired.NEVER)
                .signal("LOAD_DISPATCH", "setpoint", "kW", List.of(Map.entry(Duration.ofMinutes(30), 4.0))).build();
    }

    private DERControlList nextList() throws InterruptedException {
        return assertInstanceOf(DERControlList.class, listener.next().notification().getResource());
    }

    /** EventStatus Scheduled -> Active at the interval start, then the control leaves the list at its end. */
    @Test
    void startAndEndOfAControlAreNotified() throws Exception {
        subscribe(edev + "/derp/" + program.id() + "/derc");
        fx.core.events().create(spec(SepIdentity.lfdi(cred.certificate())));
        assertEquals(0, nextList().getDERControl().get(0).getEventStatus().getCurrentStatus(), "Scheduled");

        fx.clock.advance(Duration.ofSeconds(599));
        fx.server.processChanges();
        assertTrue(fx.server.awaitDeliveries(Duration.ofSeconds(20)));
        assertEquals(1, listener.posts(), "nothing changed before the start");

        fx.clock.advance(Duration.ofSeconds(1));
        fx.server.processChanges();
        DERControlList active = nextList();
        assertEquals(1, active.getDERControl().get(0).getEventStatus().getCurrentStatus(), "Active at the start");
        assertEquals(SepFixture.T0.plusSeconds(600).getEpochSecond(),
                active.getDERControl().get(0).getEventStatus().getDateTime().getValue());

        fx.clock.advance(Duration.ofMinutes(30));
        fx.server.processChanges();
        assertEquals(0, nextList().getAll(), "ended: no longer listed");
        assertTrue(fx.server.awaitDeliveries(Duration.ofSeconds(20)));
        assertEquals(3, listener.posts(), "one notification per change");
    }

    /** An event retargeted to another device: the device it left is told its list no longer holds the control. */
    @Test
    void retargetedAwayIsNotified() throws Exception {
        subscribe(edev + "/derp/" + program.id() + "/derc");
        Event e = fx.core.events().create(spec(SepIdentity.lfdi(cred.certificate())));
        assertEquals(1, nextList().getAll());
        fx.core.events().update(e.id(), spec(SepIdentity.lfdi(SepFixture.PKI.deviceViaMca().certificate())));
        assertEquals(0, nextList().getAll(), "the control left this device's list");
    }

    /** A new program adds a FunctionSetAssignments to every device: FunctionSetAssignmentsList subscribers learn. */
    @Test
    void programCreationIsNotified() throws Exception {
        subscribe(edev + "/fsa");
        fx.core.programs().create("second", "http://example.com/second");
        fx.server.processChanges();
        FunctionSetAssignmentsList l = assertInstanceOf(FunctionSetAssignmentsList.class,
                listener.next().notification().getResource());
        assertEquals(2, l.getAll());
    }
}
