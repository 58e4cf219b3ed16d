package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.core.AvailabilityWindow;
import org.openvtn.core.NewOpt;
import org.openvtn.core.OptType;
import org.openvtn.core.ReportCapability;
import org.openvtn.oadr20b.service.OadrValues;
import org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCanceledPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.OadrRequestEventType;
import org.openvtn.schemas.oadr20b.OadrRequestReregistrationType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.pyld.EiRequestEvent;

/** EiRegisterParty over mutual TLS (OpenADR 2.0b 8.6; official cases N1_0010 … N1_0080). */
class RegistrationIT {
    private static OadrHarness vtn;

    @BeforeAll
    static void start() {
        vtn = OadrHarness.inMemory();
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    /** N1_0010: query while unregistered answers without IDs; vtnID is the upper-case default. */
    @Test
    void n1_0010_queryUnregistered() {
        OadrCreatedPartyRegistrationType r = vtn.newVen().query();
        assertEquals("200", r.getEiResponse().getResponseCode());
        assertNull(r.getRegistrationID());
        assertNull(r.getVenID());
        assertEquals("OPENVTN", r.getVtnID());
        assertEquals("2.0b", r.getSchemaVersion());
    }

    /** N1_0015 / N1_0020: registration, then query answers the same IDs and the poll frequency. */
    @Test
    void n1_0015_0020_registerThenQuery() {
        ScriptedVen ven = vtn.newVen();
        OadrCreatedPartyRegistrationType created = ven.register();
        assertNotNull(created.getRegistrationID());
        assertNotNull(created.getVenID());
        OadrCreatedPartyRegistrationType q = ven.query();
        assertEquals(created.getRegistrationID(), q.getRegistrationID());
        assertEquals(created.getVenID(), q.getVenID());
        assertEquals("PT10S", q.getOadrRequestedOadrPollFreq().getDuration());
        assertEquals("simpleHttp", q.getOadrProfiles().getOadrProfile().get(0).getOadrTransports()
                .getOadrTransport().get(0).getOadrTransportName().value());
    }

    /** N1_0030: VEN-initiated cancel; afterwards the VEN is unregistered (463 on poll). */
    @Test
    void n1_0030_venCancels() {
        ScriptedVen ven = vtn.newVen();
        ven.register();
        OadrCanceledPartyRegistrationType c = ven.send("EiRegisterParty", cancel(ven.registrationId, ven.venId),
                OadrCanceledPartyRegistrationType.class);
        assertEquals("200", c.getEiResponse().getResponseCode());
        assertEquals(ven.registrationId, c.getRegistrationID());
        assertNull(ven.query().getRegistrationID());
        assertEquals("463", assertInstanceOf(OadrResponseType.class, ven.poll()).getEiResponse().getResponseCode());
    }

    /** N1_0070: cancel with an unknown registrationID gets 452, and the registration stays. */
    @Test
    void n1_0070_cancelUnknownRegistrationId() {
        ScriptedVen ven = vtn.newVen();
        ven.register();
        OadrCanceledPartyRegistrationType c = ven.send("EiRegisterParty", cancel("no-such-registration", ven.venId),
                OadrCanceledPartyRegistrationType.class);
        assertEquals("452", c.getEiResponse().getResponseCode());
        assertEquals(ven.registrationId, ven.query().getRegistrationID());
    }

    /** N1_0080: every service refuses an unregistered VEN with 463 inside a schema-valid answer. */
    @Test
    void n1_0080_unregisteredGets463() {
        ScriptedVen ven = vtn.newVen();
        ven.venId = "nobody";
        assertEquals("463", assertInstanceOf(OadrResponseType.class, ven.poll()).getEiResponse().getResponseCode());
        OadrDistributeEventType d = ven.send("EiEvent", requestEvent("nobody"), OadrDistributeEventType.class);
        assertEquals("463", d.getEiResponse().getResponseCode());
        assertTrue(d.getOadrEvent().isEmpty());
    }

    /** N1_0040: VTN-initiated cancel is delivered by poll and acknowledged with oadrCanceledPartyRegistration. */
    @Test
    void n1_0040_vtnCancelsThroughPoll() {
        ScriptedVen ven = vtn.newVen();
        ven.register();
        vtn.server.core().registrations().deregister(ven.venId);
        OadrCancelPartyRegistrationType c = assertInstanceOf(OadrCancelPartyRegistrationType.class, ven.poll());
        assertEquals(ven.registrationId, c.getRegistrationID());
        OadrCanceledPartyRegistrationType ack = new OadrCanceledPartyRegistrationType();
        ack.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        ack.setEiResponse(OadrValues.ok(c.getRequestID()));
        ack.setRegistrationID(c.getRegistrationID());
        ack.setVenID(ven.venId);
        OadrResponseType r = ven.send("EiRegisterParty", ack, OadrResponseType.class);
        assertEquals("200", r.getEiResponse().getResponseCode());
        assertEquals("463", assertInstanceOf(OadrResponseType.class, ven.poll()).getEiResponse().getResponseCode());
    }

    /**
     * N1_0050 / N1_0060: oadrRequestReregistration arrives by poll; the re-registration keeps the
     * venID, issues a new registrationID and discards report and opt state (conformance rule 406).
     */
    @Test
    void n1_0050_0060_reregistrationDiscardsState() {
        ScriptedVen ven = vtn.newVen();
        ven.register();
        ven.poll(); // the initial distribution
        var core = vtn.server.core();
        core.reports().registerCapabilities(ven.venId, List.of(new ReportCapability(ven.venId, "spec1",
                "METADATA_TELEMETRY_USAGE", "r1", null, "usage", "Direct Read", null, null, null)));
        core.opts().createOpt(ven.venId, new NewOpt("opt1", OptType.OPT_OUT, null, null, null, null, List.of(),
                List.of(new AvailabilityWindow(Instant.parse("2030-01-02T00:00:00Z"), Duration.ofHours(1)))));
        core.registrations().requestReregistration(ven.venId);
        OadrRequestReregistrationType rr = assertInstanceOf(OadrRequestReregistrationType.class, ven.poll());
        assertEquals(ven.venId, rr.getVenID());
        OadrResponseType ack = new OadrResponseType();
        ack.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        ack.setEiResponse(OadrValues.ok(""));
        ack.setVenID(ven.venId);
        assertEquals("200", ven.send("EiRegisterParty", ack, OadrResponseType.class).getEiResponse().getResponseCode());

        String oldVen = ven.venId;
        String oldReg = ven.registrationId;
        OadrCreatedPartyRegistrationType again = ven.send("EiRegisterParty",
                ven.registrationRequest(ven.venId, ven.registrationId), OadrCreatedPartyRegistrationType.class);
        assertEquals("200", again.getEiResponse().getResponseCode());
        assertEquals(oldVen, again.getVenID());
        assertNotEquals(oldReg, again.getRegistrationID());
        assertTrue(core.reports().capabilities(oldVen).isEmpty());
        assertTrue(core.opts().optsFor(oldVen).isEmpty());
    }

    /** Conformance rule 21 / E1_1080: a venID that does not belong to the presenting certificate gets 452. */
    @Test
    void foreignVenIdGets452() {
        ScriptedVen a = vtn.newVen();
        ScriptedVen b = vtn.newVen();
        a.register();
        b.register();
        OadrPollType p = a.pollMessage();
        p.setVenID(b.venId);
        assertEquals("452", a.send("OadrPoll", p, OadrResponseType.class).getEiResponse().getResponseCode());
        OadrCreatedPartyRegistrationType steal = a.send("EiRegisterParty", a.registrationRequest(b.venId, null),
                OadrCreatedPartyRegistrationType.class);
        assertEquals("452", steal.getEiResponse().getResponseCode());
    }

    /** OpenADR 2.0b profile 10.1: an RSA VEN certificate works the same as an ECC one. */
    @Test
    void rsaVenRegisters() {
        ScriptedVen ven = vtn.ven(vtn.pki.venRsa());
        ven.register();
        assertEquals(ven.registrationId, ven.query().getRegistrationID());
        assertInstanceOf(OadrDistributeEventType.class, ven.poll());
    }

    static OadrCancelPartyRegistrationType cancel(String registrationId, String venId) {
        OadrCancelPartyRegistrationType c = new OadrCancelPartyRegistrationType();
        c.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        c.setRequestID(OadrValues.newRequestId());
        c.setRegistrationID(registrationId);
        c.setVenID(venId);
        return c;
    }

    static OadrRequestEventType requestEvent(String venId) {
        EiRequestEvent e = new EiRequestEvent();
        e.setRequestID(OadrValues.newRequestId());
        e.setVenID(venId);
        OadrRequestEventType r = new OadrRequestEventType();
        r.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        r.setEiRequestEvent(e);
        return r;
    }
}
