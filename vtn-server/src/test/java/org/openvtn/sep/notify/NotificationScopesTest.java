package org.openvtn.sep.notify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvtn.sep.service.SepRates;
import org.openvtn.sep.store.SepRecords;
import org.openvtn.sep.store.SepSubscription;

/**
 * Which subscriptions a change concerns (IEEE 2030.5-2018 §5.6 Subscription/Notification: the subscribers of the
 * resource that changed are notified, no others), judged from the subscribed path.
 */
class NotificationScopesTest {
    private static SepSubscription sub(long device, String path) {
        return new SepSubscription(1, device, path, (short) 0, "+S1", 10, "https://ven/n", Instant.EPOCH, 0, 0);
    }

    private static boolean concerns(String kind, Long device, String program, SepSubscription s) {
        return NotificationScopes.changeLog(new SepRecords.Change(1, kind, device, program)).test(s);
    }

    @Test
    void changeLogRowsConcernTheirOwnResourcesOnly() {
        assertTrue(concerns("dderc", null, "p", sub(7, "/edev/7/derp/p/dderc")));
        assertFalse(concerns("dderc", null, "p", sub(7, "/edev/7/derp/q/dderc")));
        assertTrue(concerns("edev", 7L, null, sub(7, "/edev/7")));
        assertFalse(concerns("edev", 7L, null, sub(8, "/edev/8")));
        assertTrue(concerns("frp", 7L, null, sub(7, "/edev/7/frp")));
        assertTrue(concerns("groups", 7L, null, sub(7, "/edev/7/fsa")));
        assertFalse(concerns("groups", 7L, null, sub(7, "/upt/3/mr")));
        assertTrue(concerns("fsa", null, null, sub(7, "/edev/7/fsa")));
        assertTrue(concerns("primacy", null, "p", sub(7, "/edev/7/fsa/p/derp")));
        assertFalse(concerns("primacy", null, "p", sub(7, "/edev/7/fsa/q/drp")));
        assertFalse(concerns("unknown", 7L, "p", sub(7, "/edev/7")));
    }

    /** CSIP-AUS S-ALL-43: a pollRate change reaches the subscribers of lists of that type. */
    @Test
    void pollRateChangeConcernsListsOfThatType() {
        assertTrue(concerns(SepRates.POLL_CHANGE, null, "EndDeviceList", sub(7, "/edev")));
        assertTrue(concerns(SepRates.POLL_CHANGE, null, "DERProgramList", sub(7, "/edev/7/fsa/p/derp")));
        assertFalse(concerns(SepRates.POLL_CHANGE, null, "DERProgramList", sub(7, "/edev/7/fsa/p/drp")));
    }

    @Test
    void programSetChangeConcernsAssignmentsEndDevicesAndRemovedPrograms() {
        NotificationScopes.Affected a = NotificationScopes.programsChanged(Set.of("gone"));
        assertTrue(a.test(sub(7, "/edev/7/fsa")));
        assertTrue(a.test(sub(7, "/edev")));
        assertTrue(a.test(sub(7, "/edev/7/derp/gone/derc")));
        assertFalse(a.test(sub(7, "/edev/7/derp/kept/derc")));
    }

    /** DefaultDERControl and TextMessages are no core events. */
    @Test
    void eventProgramExcludesDefaultControlAndMessages() {
        assertTrue(NotificationScopes.ofEventProgram(sub(7, "/edev/7/derp/p/derc"), "p"));
        assertFalse(NotificationScopes.ofEventProgram(sub(7, "/edev/7/derp/q/derc"), "p"));
        assertFalse(NotificationScopes.ofEventProgram(sub(7, "/edev/7/derp/p/dderc"), "p"));
        assertFalse(NotificationScopes.ofEventProgram(sub(7, "/edev/7/msg/p/tms"), "p"));
    }
}
