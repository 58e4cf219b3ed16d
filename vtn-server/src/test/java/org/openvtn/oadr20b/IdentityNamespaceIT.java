package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.CertificateIdentity;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.RegistrationRequest;
import org.openvtn.core.Targets;
import org.openvtn.core.VtnException;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.core.ErrorCode;

/**
 * Issue #12 item 4 (one participant namespace) over mutual TLS: a VEN may not choose a venID the VTN did not
 * assign to its certificate (another certificate's fingerprint, a 2030.5 LFDI), malformed venIDs ({@code a/b},
 * {@code ..}, control characters) get 452, nothing is registered, and an event targeting a 2030.5 device's LFDI
 * never reaches an OpenADR VEN, even one holding the certificate the LFDI was derived from.
 */
class IdentityNamespaceIT {

    static OadrHarness vtn;

    @BeforeAll
    static void start() {
        vtn = OadrHarness.inMemory();
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    private static String claim(ScriptedVen ven, String venId) {
        OadrCreatedPartyRegistrationType r = ven.send("EiRegisterParty", ven.registrationRequest(venId, null),
                OadrCreatedPartyRegistrationType.class);
        return r.getEiResponse().getResponseCode();
    }

    /** Issue #12 item 4: cert A claiming cert B's fingerprint (B not registered yet) gets 452; B keeps its id. */
    @Test
    void anotherCertificatesFingerprintIsRefused() {
        ScriptedVen a = vtn.newVen();
        ScriptedVen b = vtn.newVen();
        assertEquals("452", claim(a, b.fingerprint()));
        assertNull(a.query().getRegistrationID(), "nothing registered for A");
        b.register();
        assertEquals(b.fingerprint(), b.venId);
    }

    /** Issue #12 item 4: a 2030.5 device's LFDI as venID gets 452, even the LFDI of the VEN's own certificate. */
    @Test
    void lfdiAsVenIdIsRefused() {
        ScriptedVen a = vtn.newVen();
        String deviceLfdi = CertificateIdentity.of(vtn.pki.device().certificate()).lfdi();
        assertEquals("452", claim(a, deviceLfdi));
        assertEquals("452", claim(a, CertificateIdentity.of(a.credential.certificate()).lfdi()));
        assertNull(a.query().getRegistrationID());
        // the core refuses it too, whoever asks
        VtnException e = assertThrows(VtnException.class, () -> vtn.server.core().registrations()
                .register(RegistrationRequest.simple("AA:BB", deviceLfdi, "x")));
        assertEquals(ErrorCode.INVALID_ID, e.errorCode());
    }

    /** Issue #12 item 4: venIDs with a slash, "..", control characters, or over 128 characters get 452. */
    @Test
    void malformedVenIdsAreRefused() {
        ScriptedVen a = vtn.newVen();
        for (String bad : List.of("a/b", "..", "x..y", "ven\tone", "ven\u007f", "x".repeat(129), "ven one")) {
            assertEquals("452", claim(a, bad), bad);
        }
        assertNull(a.query().getRegistrationID());
        // the VTN-assigned venID (the fingerprint) is accepted, with or without being sent
        assertEquals("200", claim(a, a.fingerprint()));
    }

    /** Issue #12 item 4: an event for a 2030.5 device (its LFDI) is not in the distribution of any OpenADR VEN. */
    @Test
    void eventForAnLfdiNeverReachesAnOpenAdrVen() {
        ScriptedVen ven = vtn.newVen();
        ven.register();
        String lfdiOfVenCert = CertificateIdentity.of(ven.credential.certificate()).lfdi();
        String program = vtn.server.core().programs().create("ns-it", "http://market.example/ns").id();
        Event forDevice = vtn.server.core().events().create(EventSpec.builder().programId(program)
                .start(vtn.clock.instant().plus(Duration.ofHours(1))).targets(Targets.vens(lfdiOfVenCert))
                .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofHours(1), 1.0))).build());
        assertFalse(vtn.server.core().events().eventsFor(ven.venId).stream()
                .anyMatch(e -> e.id().equals(forDevice.id())));
        assertTrue(vtn.server.core().registrations().list().stream()
                .noneMatch(r -> r.participantId().equalsIgnoreCase(lfdiOfVenCert)));
    }
}
