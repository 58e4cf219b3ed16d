package org.openvtn.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.PkiGenerator;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.oadr20b.OadrCreatedEventType;

/**
 * The push bench's VEN fleet (issue #14, {@code openvtn bench push}): the two "pushes the fleet could not decode" of
 * the 10,000-VEN run were pushes that overtook the registration answer. The VTN pushes a new push VEN's current
 * event list as soon as it registered it (2.0b push sequence, oadrDistributeEvent after oadrCreatedPartyRegistration),
 * and the fleet answered before it had read its venID from the registration answer: an oadrCreatedEvent without
 * ei:venID is not schema-valid (eiCreatedEvent requires it), so the VEN answered an empty 200. The fleet now answers
 * such a push once its registration answer is read.
 */
class BenchPushFleetTest {
    @TempDir
    Path dir;

    /** A pushed oadrDistributeEvent with one event, written for this test (schema-valid 2.0b). */
    private static final String DISTRIBUTION =
            "<oadr:oadrPayload xmlns:oadr=\"http://openadr.org/oadr-2.0b/2012/07\" xmlns:ei=\"http://docs.oasis-open.org/ns/energyinterop/201110\" xmlns:pyld=\"http://docs.oasis-open.org/ns/energyinterop/201110/payloads\" xmlns:emix=\"http://docs.oasis-open.org/ns/emix/2011/06\" xmlns:xcal=\"urn:ietf:params:xml:ns:icalendar-2.0\" xmlns:strm=\"urn:ietf:params:xml:ns:icalendar-2.0:stream\">\n"
            + " <oadr:oadrSignedObject>\n"
            + "  <oadr:oadrDistributeEvent ei:schemaVersion=\"2.0b\">\n"
            + "   <pyld:requestID>push-1</pyld:requestID>\n"
            + "   <ei:vtnID>VTN-T</ei:vtnID>\n"
            + "   <oadr:oadrEvent>\n"
            + "    <ei:eiEvent>\n"
            + "     <ei:eventDescriptor>\n"
            + "      <ei:eventID>EVENT-T</ei:eventID>\n"
            + "      <ei:modificationNumber>0</ei:modificationNumber>\n"
            + "      <ei:eiMarketContext><emix:marketContext>http://openvtn.example/programs/bench</emix:marketContext></ei:eiMarketContext>\n"
            + "      <ei:createdDateTime>2026-01-01T00:00:00Z</ei:createdDateTime>\n"
            + "      <ei:eventStatus>far</ei:eventStatus>\n"
            + "     </ei:eventDescriptor>\n"
            + "     <ei:eiActivePeriod>\n"
            + "      <xcal:properties>\n"
            + "       <xcal:dtstart><xcal:date-time>2030-01-01T00:00:00Z</xcal:date-time></xcal:dtstart>\n"
            + "       <xcal:duration><xcal:duration>PT1H</xcal:duration></xcal:duration>\n"
            + "      </xcal:properties>\n"
            + "      <xcal:components xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>\n"
            + "     </ei:eiActivePeriod>\n"
            + "     <ei:eiEventSignals>\n"
            + "      <ei:eiEventSignal>\n"
            + "       <strm:intervals>\n"
            + "        <ei:interval>\n"
            + "         <xcal:duration><xcal:duration>PT1H</xcal:duration></xcal:duration>\n"
            + "         <xcal:uid><xcal:text>0</xcal:text></xcal:uid>\n"
            + "         <ei:signalPayload><ei:payloadFloat><ei:value>1</ei:value></ei:payloadFloat></ei:signalPayload>\n"
            + "        </ei:interval>\n"
            + "       </strm:intervals>\n"
            + "       <ei:signalName>SIMPLE</ei:signalName>\n"
            + "       <ei:signalType>level</ei:signalType>\n"
            + "       <ei:signalID>S-1</ei:signalID>\n"
            + "       <ei:currentValue><ei:payloadFloat><ei:value>0</ei:value></ei:payloadFloat></ei:currentValue>\n"
            + "      </ei:eiEventSignal>\n"
            + "     </ei:eiEventSignals>\n"
            + "     <ei:eiTarget/>\n"
            + "    </ei:eiEvent>\n"
            + "    <oadr:oadrResponseRequired>always</oadr:oadrResponseRequired>\n"
            + "   </oadr:oadrEvent>\n"
            + "  </oadr:oadrDistributeEvent>\n"
            + " </oadr:oadrSignedObject>\n"
            + "</oadr:oadrPayload>\n";

    @Test
    void aPushThatOvertakesTheRegistrationAnswerIsAnsweredWithTheVenId() throws Exception {
        new PkiGenerator(PkiGenerator.Options.builder().ecVens(0).rsaVens(0).devices(0).build()).generate(dir);
        CertificateAuthority ca = BenchSupport.oadrIssuer(dir);
        List<Credential> creds = BenchSupport.issueVens(ca, "fleet-test", 2);
        try (BenchPushFleet fleet = new BenchPushFleet(URI.create("https://127.0.0.1:9/OpenADR2/Simple/2.0b"),
                dir.resolve("ca.crt"), creds.subList(0, 1), new BenchPushFleet.Kind[] {BenchPushFleet.Kind.REACHABLE},
                1)) {
            fleet.listen("127.0.0.1");
            URI listener = URI.create(fleet.address(0));
            // the second credential plays the VTN (the listener requires a client certificate of the PKI)
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> post(listener, creds.get(1),
                    DISTRIBUTION.getBytes(StandardCharsets.UTF_8)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (fleet.pushes(0) == 0 && System.nanoTime() < deadline && !answer.isDone()) {
                LockSupport.parkNanos(1_000_000); // the push has been read and decoded (no answer can be due yet)
            }
            assertEquals(1, fleet.pushes(0), "the push reached the VEN before its registration answer");
            fleet.registered(0, "VEN-T", "REG-T");
            byte[] body = answer.get(30, TimeUnit.SECONDS);
            OadrCodec codec = OadrCodec.create(new PublishedSchemas());
            Object m = codec.unwrap(codec.decodePayload(body));
            assertTrue(m instanceof OadrCreatedEventType, new String(body, StandardCharsets.UTF_8));
            assertEquals("VEN-T", ((OadrCreatedEventType) m).getEiCreatedEvent().getVenID());
            assertEquals(0, fleet.undecodable(), fleet.firstProblem());
            assertNull(fleet.firstProblem());
        }
    }

    /** One HTTP/1.1 POST over mutual TLS (no host name check: VEN certificates carry none); returns the body. */
    private static byte[] post(URI to, Credential client, byte[] body) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("c", client.key(), new char[0], client.chain().toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            X509Certificate root = client.chain().get(client.chain().size() - 1);
            anchors.setCertificateEntry("root", root);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(anchors);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket(to.getHost(), to.getPort())) {
                s.setSoTimeout(60_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /OpenADR2/Simple/2.0b/EiEvent HTTP/1.1\r\nHost: " + to.getHost()
                        + "\r\nContent-Type: application/xml\r\nConnection: close\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                InputStream in = s.getInputStream();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                in.transferTo(all);
                String text = all.toString(StandardCharsets.UTF_8);
                int start = text.indexOf("\r\n\r\n");
                assertTrue(text.startsWith("HTTP/1.1 200"), text);
                return text.substring(start + 4).getBytes(StandardCharsets.UTF_8);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
