package org.openvtn.ven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.oadr20b.security.OadrSignatureConfig;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.dsig.OadrSignatureVerifier;
import org.openvtn.schemas.dsig.OadrSigner;
import org.openvtn.schemas.oadr20b.OadrCreatedEventType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;
import org.openvtn.ven.protocol.Xml;
import org.openvtn.ven.testing.PushingVtn;
import org.openvtn.ven.testing.RealVtn;
import org.openvtn.ven.testing.RecordingListener;
import org.openvtn.ven.testing.VtnMessages;
import org.openvtn.ven.testing.VtnMessages.EventSpec;

/**
 * OpenADR 2.0b security, XML signatures, on the push path (issue #14 VEN side, G0_90xx family): a push VEN that
 * requires VTN signatures answers an unsigned push with oadrResponse 459 and applies nothing, verifies a push signed
 * with the VTN's key, and signs its synchronous oadrCreatedEvent with its own key. The VEN registers, signed, with
 * the real signing VTN.
 */
class PushSignatureIT {

    @Test
    void G0_9030_signedPushVerifiedUnsignedRefusedAnswerSigned() throws Exception {
        TestPki pki = TestPki.shared();
        OadrCodec codec = OadrCodec.create(new PublishedSchemas());
        Credential cred = RealVtn.credential(pki, "push-signed-" + System.nanoTime());
        RecordingListener listener = new RecordingListener();
        TlsConfig vtnEccOnly = TlsConfig.builder().profile(TlsProfile.OPENADR_20B).credentials(pki.vtnEcc())
                .trustAnchorFile(pki.pki().caFile()).hostnameVerification(false).build();
        try (VtnServer server = VtnServer.start(RealVtn.config(pki).inMemory("push-sig" + System.nanoTime())
                .requireSignatures(true).signResponses(true).signingKeys(List.of(
                        new OadrSignatureConfig.SigningKey(pki.vtnEcc().key(), pki.vtnEcc().chain()),
                        new OadrSignatureConfig.SigningKey(pki.vtnRsa().key(), pki.vtnRsa().chain()))).build());
             PushingVtn pusher = new PushingVtn(vtnEccOnly, codec);
             VenClient client = RealVtn.client(pki, server, cred, listener).signingKey(cred.key(), cred.chain())
                     .requireVtnSignatures(true).pushListener("127.0.0.1", 0).build()) {
            RegistrationInfo r = client.start();
            String url = "https://127.0.0.1:" + client.pushPort() + "/OpenADR2/Simple/2.0b/EiEvent";

            OadrDistributeEventType unsigned = VtnMessages.distribute(r.venId(), List.of(event("ev-unsigned")));
            unsigned.setVtnID(r.vtnId());
            PushingVtn.Reply refused = pusher.push(url, unsigned);
            assertEquals(459, Xml.code(pusher.answer(refused, OadrResponseType.class).getEiResponse()));

            OadrDistributeEventType signed = VtnMessages.distribute(r.venId(), List.of(event("ev-signed")));
            signed.setVtnID(r.vtnId());
            byte[] body = OadrSigner.create(pki.vtnEcc().key(), pki.vtnEcc().chain(), Clock.systemUTC())
                    .sign(codec.encodePayload(signed));
            PushingVtn.Reply answered = pusher.post(url, body);
            OadrCreatedEventType created = pusher.answer(answered, OadrCreatedEventType.class);
            assertEquals("200", created.getEiCreatedEvent().getEventResponses().getEventResponse().get(0)
                    .getResponseCode());
            assertTrue(answered.text().contains("Signature"), answered.text());
            OadrSignatureVerifier verifier = OadrSignatureVerifier.builder()
                    .trustAnchors(pki.oadrServerConfig().build().trustAnchors()).build();
            assertNotNull(verifier.verify(answered.body(), cred.chain().get(0)), "the VEN signed its answer");
            assertEquals("ev-signed", ((DrEvent) listener.await("event").value()).eventId());
            assertEquals(List.of("ev-signed"), client.events().stream().map(DrEvent::eventId).toList());
        }
    }

    private static EventSpec event(String id) {
        return new EventSpec(id, 0, Instant.now().plusSeconds(3600), Duration.ofMinutes(30), Duration.ZERO, "SIMPLE",
                1, true, false);
    }
}
