package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.oadr20b.security.OadrSignatureConfig;
import org.openvtn.oadr20b.service.OadrValues;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.dsig.OadrSignatureVerifier;
import org.openvtn.schemas.dsig.OadrSigner;
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrPayload;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.OadrQueryRegistrationType;
import org.openvtn.schemas.oadr20b.OadrTransportType;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * OpenADR 2.0b security, XML signatures, over mutual TLS against the real server: with {@code requireSignatures}
 * and {@code signResponses}, signed VEN messages are accepted, unsigned ones refused (459), tampered ones refused
 * (454), replays and foreign signers refused (459), and every answer carries a signature that verifies against the
 * server certificate of the TLS session. Without {@code requireSignatures}, unsigned messages still work while a
 * signed one is still verified.
 */
class SignatureIT {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final OadrCodec CODEC = OadrHarness.codec();
    private static final TestPki PKI = TestPki.shared();
    private static VtnServer strict;
    private static VtnServer lenient;

    @BeforeAll
    static void start() {
        List<OadrSignatureConfig.SigningKey> keys = List.of(
                new OadrSignatureConfig.SigningKey(PKI.vtnEcc().key(), PKI.vtnEcc().chain()),
                new OadrSignatureConfig.SigningKey(PKI.vtnRsa().key(), PKI.vtnRsa().chain()));
        strict = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0).inMemory("sig-strict")
                .tls(PKI.oadrServerConfig().build()).requireSignatures(true).signResponses(true).signingKeys(keys)
                .build());
        lenient = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0).inMemory("sig-lenient")
                .tls(PKI.oadrServerConfig().build()).build());
    }

    @AfterAll
    static void stop() {
        strict.close();
        lenient.close();
    }

    /** A VEN that signs with its own TLS credential and checks the VTN's signatures. */
    static final class SigningVen {
        final Credential credential;
        final OadrSigner signer;
        final HttpClient http;
        final String base;
        final OadrSignatureVerifier verifier = OadrSignatureVerifier.builder().build();
        String venId;

        SigningVen(VtnServer server, Credential credential) {
            this.credential = credential;
            this.signer = OadrSigner.create(credential.key(), credential.chain(), Clock.systemUTC());
            this.http = HttpClient.newBuilder()
                    .sslContext(TlsFactory.of(PKI.oadrClientConfig(credential).build()).clientSslContext()).build();
            this.base = server.oadrBaseUri().toString().replace("localhost", "127.0.0.1");
        }

        static SigningVen fresh(VtnServer server) {
            String name = "sig-ven-" + NAMES.incrementAndGet();
            KeyPair k = new KeyPairs().ecP256();
            return new SigningVen(server, PKI.pki().authority("oadr-intermediate").issue(name,
                    CertificateProfiles.oadrClient(name, k.getPublic(), Instant.now()).build(), k.getPrivate()));
        }

        byte[] signed(Object message) throws Exception {
            return signer.sign(CODEC.encodePayload(message));
        }

        /** Posts, decodes (validated) and, when {@code expectSigned}, verifies the answer against the TLS peer. */
        Object post(String service, byte[] body, boolean expectSigned) throws Exception {
            HttpResponse<byte[]> resp = http.send(HttpRequest.newBuilder(URI.create(base + service))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, resp.statusCode());
            OadrPayload payload = CODEC.decodePayload(resp.body());
            if (expectSigned) {
                assertNotNull(payload.getSignature(), () -> new String(resp.body(), StandardCharsets.UTF_8));
                X509Certificate server = (X509Certificate) resp.sslSession().orElseThrow().getPeerCertificates()[0];
                assertEquals(server, verifier.verify(resp.body(), server).signer());
            } else {
                assertNull(payload.getSignature());
            }
            return CODEC.unwrap(payload);
        }

        OadrCreatePartyRegistrationType registration() {
            OadrCreatePartyRegistrationType c = new OadrCreatePartyRegistrationType();
            c.setSchemaVersion(OadrValues.SCHEMA_VERSION);
            c.setRequestID(OadrValues.newRequestId());
            c.setOadrProfileName("2.0b");
            c.setOadrTransportName(OadrTransportType.SIMPLE_HTTP);
            c.setOadrReportOnly(false);
            c.setOadrXmlSignature(true);
            c.setOadrVenName(credential.name());
            c.setOadrHttpPullModel(true);
            return c;
        }

        OadrPollType poll() {
            OadrPollType p = new OadrPollType();
            p.setSchemaVersion(OadrValues.SCHEMA_VERSION);
            p.setVenID(venId);
            return p;
        }

        void register(boolean expectSignedAnswer) throws Exception {
            OadrCreatedPartyRegistrationType r = assertInstanceOf(OadrCreatedPartyRegistrationType.class,
                    post("EiRegisterParty", signed(registration()), expectSignedAnswer));
            assertEquals("200", r.getEiResponse().getResponseCode(), r.getEiResponse().getResponseDescription());
            venId = r.getVenID();
        }
    }

    private static String code(Object answer) throws XmlCodecException {
        Object r = answer instanceof OadrCreatedPartyRegistrationType c ? c.getEiResponse()
                : ((org.openvtn.schemas.oadr20b.OadrResponseType) answer).getEiResponse();
        return ((org.openvtn.schemas.oadr20b.ei.EiResponseType) r).getResponseCode();
    }

    /** Signed registration and poll are accepted; every answer is signed by the session's server certificate. */
    @Test
    void signedMessagesAcceptedAndAnswersSigned() throws Exception {
        SigningVen ven = SigningVen.fresh(strict);
        ven.register(true);
        assertInstanceOf(OadrDistributeEventType.class, ven.post("OadrPoll", ven.signed(ven.poll()), true));
    }

    /** requireSignatures: an unsigned payload is answered 459 (compliance), signed, and nothing is registered. */
    @Test
    void unsignedRefusedWhenRequired() throws Exception {
        SigningVen ven = SigningVen.fresh(strict);
        Object r = ven.post("EiRegisterParty", CODEC.encodePayload(ven.registration()), true);
        assertEquals("459", code(r));
        OadrQueryRegistrationType q = new OadrQueryRegistrationType();
        q.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        q.setRequestID(OadrValues.newRequestId());
        OadrCreatedPartyRegistrationType status = assertInstanceOf(OadrCreatedPartyRegistrationType.class,
                ven.post("EiRegisterParty", ven.signed(q), true));
        assertEquals("200", code(status));
        assertNull(status.getRegistrationID(), "the refused registration stored nothing");
    }

    /** A payload changed after signing is answered 454 and not processed. */
    @Test
    void tamperedRefused() throws Exception {
        SigningVen ven = SigningVen.fresh(strict);
        ven.register(true);
        String signed = new String(ven.signed(ven.poll()), StandardCharsets.UTF_8);
        byte[] tampered = signed.replace(">" + ven.venId + "<", ">" + ven.venId + "X<").getBytes(StandardCharsets.UTF_8);
        assertTrue(!signed.equals(new String(tampered, StandardCharsets.UTF_8)));
        assertEquals("454", code(ven.post("OadrPoll", tampered, true)));
    }

    /** The same signed payload twice (same nonce) and a payload signed by another VEN's key: 459. */
    @Test
    void replayAndForeignSignerRefused() throws Exception {
        SigningVen ven = SigningVen.fresh(strict);
        ven.register(true);
        byte[] once = ven.signed(ven.poll());
        assertInstanceOf(OadrDistributeEventType.class, ven.post("OadrPoll", once, true));
        assertEquals("459", code(ven.post("OadrPoll", once, true)));

        SigningVen other = SigningVen.fresh(strict);
        byte[] signedByOther = other.signed(ven.poll());
        assertEquals("459", code(ven.post("OadrPoll", signedByOther, true)));
    }

    /**
     * Issue #12 item 3: a ReplayProtect nonce near 1 MiB is refused with 454 naming the 128-character limit (before
     * the signature is checked or anything remembered), and the VEN's next signed poll is served.
     */
    @Test
    void overlongNonceRefusedWith454() throws Exception {
        SigningVen ven = SigningVen.fresh(strict);
        ven.register(true);
        String signed = new String(ven.signed(ven.poll()), StandardCharsets.UTF_8);
        int from = signed.indexOf("<dsp:nonce>") + "<dsp:nonce>".length();
        int to = signed.indexOf("</dsp:nonce>");
        byte[] huge = (signed.substring(0, from) + "a".repeat(1_000_000) + signed.substring(to))
                .getBytes(StandardCharsets.UTF_8);
        Object answer = ven.post("OadrPoll", huge, true);
        assertEquals("454", code(answer));
        String description = ((org.openvtn.schemas.oadr20b.OadrResponseType) answer).getEiResponse()
                .getResponseDescription();
        assertTrue(description.contains("limit of 128"), description);
        assertInstanceOf(OadrDistributeEventType.class, ven.post("OadrPoll", ven.signed(ven.poll()), true));
    }

    /** Without requireSignatures: unsigned works, answers are unsigned, and a signed payload is still verified. */
    @Test
    void lenientServerVerifiesWhenPresent() throws Exception {
        SigningVen ven = SigningVen.fresh(lenient);
        OadrCreatedPartyRegistrationType r = assertInstanceOf(OadrCreatedPartyRegistrationType.class,
                ven.post("EiRegisterParty", CODEC.encodePayload(ven.registration()), false));
        assertEquals("200", code(r));
        ven.venId = r.getVenID();
        assertInstanceOf(OadrDistributeEventType.class, ven.post("OadrPoll", ven.signed(ven.poll()), false));
        String signed = new String(ven.signed(ven.poll()), StandardCharsets.UTF_8);
        byte[] tampered = signed.replace("ei:schemaVersion=\"2.0b\"", "ei:schemaVersion=\"2.0b\" ")
                .replace(">" + ven.venId + "<", ">" + ven.venId + "Y<").getBytes(StandardCharsets.UTF_8);
        assertEquals("454", code(ven.post("OadrPoll", tampered, false)));
    }
}
