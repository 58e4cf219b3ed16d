package org.openvtn.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvtn.core.AvailabilityWindow;
import org.openvtn.core.NewOpt;
import org.openvtn.core.NewReportRequest;
import org.openvtn.core.OptType;
import org.openvtn.core.PollItem;
import org.openvtn.core.Registration;
import org.openvtn.core.RegistrationRequest;
import org.openvtn.core.RegistrationService;
import org.openvtn.core.ReportCapability;
import org.openvtn.core.VtnException;
import org.openvtn.core.ErrorCode;

/** EiRegisterParty rules of the core {@link org.openvtn.core.RegistrationService}. */
class RegistrationServiceTest extends CoreFixture {

    /** oadrQueryRegistration: unregistered, then registered with IDs and poll frequency. */
    @Test
    void queryRegistration() {
        assertTrue(core.registrations().query("fp-ven1").isEmpty());
        Registration r = register("ven1");
        Registration q = core.registrations().query("fp-ven1").orElseThrow();
        assertEquals(r.registrationId(), q.registrationId());
        assertEquals("ven1", q.participantId());
        assertEquals(Duration.ofSeconds(10), q.pollFreq());
    }

    /**
     * N1_0060 / N1_0065: re-registration gives a new registrationID, keeps the venID and discards the
     * VEN's previous opt and report state.
     */
    @Test
    void reRegistrationDiscardsOptAndReportState() {
        Registration first = register("ven1");
        core.reports().registerCapabilities("ven1", List.of(new ReportCapability("ven1", "spec1",
                "METADATA_TELEMETRY_USAGE", "rid1", null, "usage", "Direct Read", "W", null, null)));
        core.reports().requestReport("ven1", new NewReportRequest("TELEMETRY_USAGE", List.of(),
                Duration.ofMinutes(1), Duration.ofMinutes(1), null, null));
        core.opts().createOpt("ven1", new NewOpt("opt1", OptType.OPT_OUT, "economic", null, null, null, List.of(),
                List.of(new AvailabilityWindow(T0, Duration.ofHours(1)))));

        Registration second = core.registrations().register(
                RegistrationRequest.simple("fp-ven1", "ven1", "again").withRegistrationId(first.registrationId()));
        assertNotEquals(first.registrationId(), second.registrationId());
        assertEquals("ven1", second.participantId());
        assertTrue(core.opts().optsFor("ven1").isEmpty());
        assertTrue(core.reports().capabilities("ven1").isEmpty());
        assertTrue(core.reports().requests("ven1").isEmpty());
        assertEquals(List.of(PollItem.Kind.EVENTS_CHANGED), core.pollQueue().pending("ven1").stream()
                .map(PollItem::kind).toList());
        // the old registrationID is no longer valid
        VtnException e = assertThrows(VtnException.class, () -> core.registrations().register(
                RegistrationRequest.simple("fp-ven1", "ven1", "x").withRegistrationId(first.registrationId())));
        assertEquals(ErrorCode.INVALID_ID, e.errorCode());
    }

    /** VEN-initiated cancel: unknown registrationID -> 452; valid one deactivates. */
    @Test
    void venCancel() {
        Registration r = register("ven1");
        VtnException e = assertThrows(VtnException.class,
                () -> core.registrations().cancelByParty("fp-ven1", "bogus"));
        assertEquals(ErrorCode.INVALID_ID, e.errorCode());
        assertEquals("registrationId", e.field());
        core.registrations().cancelByParty("fp-ven1", r.registrationId());
        assertTrue(core.registrations().query("fp-ven1").isEmpty());
        assertFalse(core.registrations().byVenId("ven1").orElseThrow().active());
    }

    /** E1_1080: a payload venID that is not the caller's -> 452; unregistered caller -> 463. */
    @Test
    void authorize() {
        register("ven1");
        register("ven2");
        assertEquals("ven1", core.registrations().authorize("fp-ven1", "ven1").participantId());
        assertEquals(ErrorCode.INVALID_ID, assertThrows(VtnException.class,
                () -> core.registrations().authorize("fp-ven1", "ven2")).errorCode());
        assertEquals(ErrorCode.NOT_REGISTERED_OR_AUTHORIZED, assertThrows(VtnException.class,
                () -> core.registrations().authorize("fp-unknown", null)).errorCode());
        // another party cannot take over a venID
        assertEquals(ErrorCode.INVALID_ID, assertThrows(VtnException.class, () -> core.registrations().register(
                RegistrationRequest.simple("fp-evil", "ven1", "evil"))).errorCode());
    }

    /** VTN-initiated cancel and re-registration request are delivered through the poll queue. */
    @Test
    void vtnInitiatedCancelAndReregistration() {
        Registration r = register("ven1");
        core.pollQueue().next("ven1");
        core.registrations().requestReregistration("ven1");
        PollItem p = core.pollQueue().next("ven1").orElseThrow();
        assertEquals(PollItem.Kind.REREGISTRATION_REQUESTED, p.kind());
        core.registrations().deregister("ven1");
        PollItem c = core.pollQueue().next("ven1").orElseThrow();
        assertEquals(PollItem.Kind.REGISTRATION_CANCELLED, c.kind());
        assertEquals(r.registrationId(), c.reference());
        assertTrue(core.pollQueue().next("ven1").isEmpty());
        assertEquals(ErrorCode.INVALID_ID, assertThrows(VtnException.class, () -> core.registrations().deregister("ven1")).errorCode());
    }

    /**
     * Issue #19, bulk pre-registration: the records of a registration (active, pull, EVENTS_CHANGED queued) in one
     * transaction; a VEN already registered is left unchanged, so a repeat is harmless.
     */
    @Test
    void preregistrationMakesTheRecordsOfARegistration() {
        Registration own = register("ven1");
        List<RegistrationService.Preregistered> done = core.registrations().preregister(List.of(
                RegistrationRequest.simple("fp-a", "bulk-a", "a"), RegistrationRequest.simple("fp-b", null, null),
                RegistrationRequest.simple("fp-ven1", null, null)));
        assertEquals(List.of(true, true, false), done.stream().map(RegistrationService.Preregistered::created).toList());
        Registration a = core.registrations().query("fp-a").orElseThrow();
        assertEquals("bulk-a", a.participantId());
        assertEquals(done.get(0).registration().registrationId(), a.registrationId());
        assertTrue(a.oadr().httpPullModel());
        assertEquals(Duration.ofSeconds(10), a.pollFreq());
        assertEquals(List.of(PollItem.Kind.EVENTS_CHANGED), core.pollQueue().pending("bulk-a").stream()
                .map(PollItem::kind).toList());
        assertEquals("fp-b", core.registrations().query("fp-b").orElseThrow().participantId());
        assertEquals(own.registrationId(), core.registrations().query("fp-ven1").orElseThrow().registrationId(),
                "already registered: unchanged");
        List<RegistrationService.Preregistered> again = core.registrations().preregister(List.of(
                RegistrationRequest.simple("fp-a", "bulk-a", "a")));
        assertFalse(again.get(0).created());
        assertEquals(a.registrationId(), again.get(0).registration().registrationId());
    }

    /** Issue #19: a venID of another certificate refuses the whole batch (452), nothing of it stored. */
    @Test
    void preregistrationConflictStoresNothing() {
        register("ven1");
        VtnException e = assertThrows(VtnException.class, () -> core.registrations().preregister(List.of(
                RegistrationRequest.simple("fp-new", "new1", null), RegistrationRequest.simple("fp-evil", "ven1", null))));
        assertEquals(ErrorCode.INVALID_ID, e.errorCode());
        assertTrue(core.registrations().query("fp-new").isEmpty());
        assertTrue(core.registrations().byVenId("new1").isEmpty());
        assertTrue(core.pollQueue().pending("new1").isEmpty());
    }
}
