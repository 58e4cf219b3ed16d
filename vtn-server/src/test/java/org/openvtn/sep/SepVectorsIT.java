package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.sep.Registration;

/**
 * The peer vectors in {@code ../shared/vectors/ieee-2030.5/valid} that a client sends to resources
 * of this slice are accepted by the handler (read from beside the checkout, never copied).
 *
 * <p>EndDevice (client POST /edev, IEEE 2030.5-2018 Table C.1; CSIP CORE-009): every EndDevice
 * vector is decoded and schema-checked by the handler; as published its sFDI is not the test
 * certificate's, so it is refused with 403 (CSIP-AUS S-ALL-52) and not with 400; with the
 * certificate's sFDI substituted the first is created (201 + Location) and the others, repeating the LFDI, answer
 * 409 with that Location (S-ALL-51). Registration is never sent by a
 * client (§8.3: the server provides it), so its vectors are checked as Registration documents with a
 * valid PIN check digit.
 */
class SepVectorsIT {
    private static SepFixture fx;
    private static SepFixture.Client device;
    private static Credential cred;

    @BeforeAll
    static void start() throws Exception {
        fx = new SepFixture();
        cred = SepFixture.PKI.device();
        device = fx.client(cred);
    }

    @AfterAll
    static void stop() {
        device.close();
        fx.close();
    }

    static List<Path> vectors(String root) throws Exception {
        Path dir = Path.of(System.getProperty("openvtn.vectors", "../../shared/vectors"))
                .resolve("ieee-2030.5").resolve("valid");
        assertTrue(Files.isDirectory(dir), dir + " missing: the shared vectors live beside the checkout");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new java.util.ArrayList<>();
            for (Path p : s.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                QName q = SepFixture.CODEC.rootElement(Files.readAllBytes(p));
                if (q.getNamespaceURI().equals(SepCodec.NAMESPACE) && q.getLocalPart().equals(root)) {
                    out.add(p);
                }
            }
            return out;
        }
    }

    /** CSIP CORE-009 / CSIP-AUS S-ALL-02, S-ALL-52: EndDevice vectors through POST /edev. */
    @Test
    void endDeviceVectorsArePostable() throws Exception {
        List<Path> files = vectors("EndDevice");
        assertFalse(files.isEmpty());
        long sfdi = SepIdentity.sfdi(cred.certificate());
        String location = null;
        for (Path p : files) {
            String xml = Files.readString(p, StandardCharsets.UTF_8);
            SepFixture.Reply asPublished = device.post("/edev", xml.getBytes(StandardCharsets.UTF_8));
            assertEquals(403, asPublished.status(), p + ": decoded, refused only for the foreign sFDI");
            String own = xml.replaceAll("<sFDI>\\d+</sFDI>", "<sFDI>" + sfdi + "</sFDI>");
            SepFixture.Reply r = device.post("/edev", own.getBytes(StandardCharsets.UTF_8));
            // the first creates the EndDevice; later ones repeat the LFDI: 409 + Location (CSIP-AUS S-ALL-51)
            assertEquals(location == null ? 201 : 409, r.status(), p.getFileName().toString());
            if (location != null) {
                assertEquals(location, r.header("Location"), "one EndDevice per LFDI");
            }
            location = r.header("Location");
        }
    }

    /** IEEE 2030.5 §8.3: Registration vectors carry a PIN whose last digit is the check digit. */
    @Test
    void registrationVectorsHaveValidPins() throws Exception {
        List<Path> files = vectors("Registration");
        assertFalse(files.isEmpty());
        for (Path p : files) {
            Registration r = SepFixture.CODEC.decode(Files.readAllBytes(p), Registration.class);
            assertTrue(SepIdentity.isValidPin((int) r.getPIN().getValue()), p.getFileName().toString());
        }
    }
}
