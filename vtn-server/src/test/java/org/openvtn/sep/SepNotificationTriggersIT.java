package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.OverlapPolicy;
import org.openvtn.core.Program;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.schemas.sep.DERControl;
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
    @RegisterExtension
    final SepSubscriber dev = new SepSubscriber();
    private Program program;

    @BeforeEach
    void start() throws Exception {
        // a 2030.5 program: overlapping controls supersede (CSIP CORE-023) instead of being refused (rule 18)
        program = dev.fx.core.programs().create("trig", "http://example.com/trig", OverlapPolicy.SUPERSEDE);
        dev.fx.server.processChanges(); // the program above is known before anyone subscribes
    }

    private void subscribe(String resource) throws Exception {
        SepFixture.Reply r = dev.device.post(dev.edev + "/sub", SepSubscriptionIT.subscription(resource,
                dev.listener.uri(), 10));
        assertEquals(201, r.status(), r.text());
    }

    private EventSpec spec(String lfdi) {
        return EventSpec.builder().programId(program.id()).start(SepFixture.T0.plusSeconds(600))
                .targets(Targets.vens(lfdi)).responseRequired(ResponseRequired.NEVER)
                .signal("LOAD_DISPATCH", "setpoint", "kW", List.of(Map.entry(Duration.ofMinutes(30), 4.0))).build();
    }

    private DERControlList nextList() throws InterruptedException {
        return assertInstanceOf(DERControlList.class, dev.listener.next().notification().getResource());
    }

    /** EventStatus Scheduled -> Active at the interval start, then the control leaves the list at its end. */
    @Test
    void startAndEndOfAControlAreNotified() throws Exception {
        subscribe(dev.edev + "/derp/" + program.id() + "/derc");
        dev.fx.core.events().create(spec(SepIdentity.lfdi(dev.cred.certificate())));
        assertEquals(0, nextList().getDERControl().get(0).getEventStatus().getCurrentStatus(), "Scheduled");

        dev.fx.clock.advance(Duration.ofSeconds(599));
        dev.fx.server.processChanges();
        assertTrue(dev.fx.server.awaitDeliveries(Duration.ofSeconds(20)));
        assertEquals(1, dev.listener.posts(), "nothing changed before the start");

        dev.fx.clock.advance(Duration.ofSeconds(1));
        dev.fx.server.processChanges();
        DERControlList active = nextList();
        assertEquals(1, active.getDERControl().get(0).getEventStatus().getCurrentStatus(), "Active at the start");
        assertEquals(SepFixture.T0.plusSeconds(600).getEpochSecond(),
                active.getDERControl().get(0).getEventStatus().getDateTime().getValue());

        dev.fx.clock.advance(Duration.ofMinutes(30));
        dev.fx.server.processChanges();
        assertEquals(0, nextList().getAll(), "ended: no longer listed");
        assertTrue(dev.fx.server.awaitDeliveries(Duration.ofSeconds(20)));
        assertEquals(3, dev.listener.posts(), "one notification per change");
    }

    /** An event retargeted to another device: the device it left is told its list no longer holds the control. */
    @Test
    void retargetedAwayIsNotified() throws Exception {
        subscribe(dev.edev + "/derp/" + program.id() + "/derc");
        Event e = dev.fx.core.events().create(spec(SepIdentity.lfdi(dev.cred.certificate())));
        assertEquals(1, nextList().getAll());
        dev.fx.core.events().update(e.id(), spec(SepIdentity.lfdi(SepFixture.PKI.deviceViaMca().certificate())));
        assertEquals(0, nextList().getAll(), "the control left this device's list");
    }

    /** A new program adds a FunctionSetAssignments to every device: FunctionSetAssignmentsList subscribers learn. */
    @Test
    void programCreationIsNotified() throws Exception {
        subscribe(dev.edev + "/fsa");
        dev.fx.core.programs().create("second", "http://example.com/second");
        dev.fx.server.processChanges();
        FunctionSetAssignmentsList l = assertInstanceOf(FunctionSetAssignmentsList.class,
                dev.listener.next().notification().getResource());
        assertEquals(2, l.getAll());
    }

    /**
     * sep.xsd EventStatus 4 (CSIP CORE-023): a newer event of the same program and mode overlapping an older one marks
     * the older one Superseded at the newer one's start; a subscriber to the older DERControl is told, and the list
     * shows both (older Superseded, newer Active) while the active list holds only the newer one.
     */
    @Test
    void supersessionIsServedAndNotified() throws Exception {
        String lfdi = SepIdentity.lfdi(dev.cred.certificate());
        dev.fx.core.events().create(spec(lfdi)); // [T0+600, T0+2400), created at T0
        String list = dev.edev + "/derp/" + program.id() + "/derc";
        subscribe(list);
        dev.fx.clock.advance(Duration.ofSeconds(300));
        dev.fx.core.events().create(EventSpec.builder().programId(program.id()).start(SepFixture.T0.plusSeconds(900))
                .targets(Targets.vens(lfdi)).responseRequired(ResponseRequired.NEVER)
                .signal("LOAD_DISPATCH", "setpoint", "kW", List.of(Map.entry(Duration.ofMinutes(10), 2.0))).build());
        assertEquals(List.of((short) 0, (short) 0), statuses(nextList()), "both Scheduled");

        dev.fx.clock.advance(Duration.ofSeconds(300)); // T0+600: the older starts
        dev.fx.server.processChanges();
        assertEquals(List.of((short) 1, (short) 0), statuses(nextList()), "the older one Active");

        dev.fx.clock.advance(Duration.ofSeconds(300)); // T0+900: the newer starts and supersedes it
        dev.fx.server.processChanges();
        DERControlList notified = nextList();
        assertEquals(List.of((short) 4, (short) 1), statuses(notified), "older Superseded, newer Active");
        assertEquals(SepFixture.T0.plusSeconds(900).getEpochSecond(),
                notified.getDERControl().get(0).getEventStatus().getDateTime().getValue(), "superseded at the newer start");

        assertEquals(List.of((short) 4, (short) 1), statuses(dev.device.get(list + "?l=10").resource(DERControlList.class)),
                "a GET shows the same");
        DERControl older = dev.device.get(notified.getDERControl().get(0).getHref()).resource(DERControl.class);
        assertEquals(4, older.getEventStatus().getCurrentStatus(), "and the control itself");
        DERControlList active = dev.device.get(dev.edev + "/derp/" + program.id() + "/actderc?l=10").resource(DERControlList.class);
        assertEquals(1, active.getAll(), "a superseded control is not active");
        assertEquals(1, active.getDERControl().get(0).getEventStatus().getCurrentStatus());
    }

    private static List<Short> statuses(DERControlList l) {
        return l.getDERControl().stream().map(c -> c.getEventStatus().getCurrentStatus()).toList();
    }
}
