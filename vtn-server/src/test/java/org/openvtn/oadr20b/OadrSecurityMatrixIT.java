package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.tls.TlsFactory;

/**
 * The security matrix of the OpenADR 2.0b listener (issue #12, docs/security.md): every negative a certificate holder
 * (or a holder of a bad certificate) can try, each followed by a check that the server still serves a good VEN
 * (oadrPoll answered, schema-valid). Bad certificates never get an HTTP answer; bad payloads get the 2.0b code named
 * in the row and never a 5xx or a stack trace.
 */
class OadrSecurityMatrixIT {
    private static OadrHarness vtn;
    private static ScriptedVen good;
    private static ScriptedVen other;

    @BeforeAll
    static void start() {
        vtn = OadrHarness.inMemory();
        good = vtn.newVen();
        good.register();
        other = vtn.newVen();
        other.register();
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    private static DynamicTest row(String name, org.junit.jupiter.api.function.Executable attack) {
        return DynamicTest.dynamicTest(name, () -> {
            attack.execute();
            assertInstanceOf(Object.class, good.poll(), "the server still serves a good VEN after: " + name);
        });
    }

    private static String code(ScriptedVen.Reply r) {
        assertTrue(r.status() < 500, "HTTP " + r.status());
        return ScriptedVen.code(r);
    }

    private static Consumer<ScriptedVen.Reply> refusedWith(String expected) {
        return r -> {
            assertEquals(expected, code(r));
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertFalse(body.contains("Exception") || body.contains("root:"), body);
        };
    }

    private static byte[] poll(String venId) {
        return OadrXml.payload("<oadr:oadrPoll ei:schemaVersion=\"2.0b\"><ei:venID>" + venId + "</ei:venID></oadr:oadrPoll>");
    }

    /** Every certificate of the bad-certificate matrix (pki/bad) is refused in the handshake. */
    @TestFactory
    List<DynamicTest> badCertificates() {
        List<DynamicTest> rows = new ArrayList<>();
        for (Map.Entry<String, Credential> e : vtn.pki.badCredentials().entrySet()) {
            if (e.getKey().startsWith("bad-device-") || !e.getKey().startsWith("bad-")) {
                continue;
            }
            rows.add(row("certificate " + e.getKey(), () -> {
                ScriptedVen bad = new ScriptedVen(vtn.server.oadrBaseUri().toString().replace("localhost", "127.0.0.1"),
                        TlsFactory.of(vtn.pki.oadrClientConfig(e.getValue()).build()).clientSslContext(),
                        OadrHarness.codec(), e.getValue());
                assertThrows(RuntimeException.class, () -> bad.post("OadrPoll", poll("x")),
                        e.getKey() + " got an HTTP answer");
            }));
        }
        assertTrue(rows.size() >= 7, "the matrix lost rows: " + rows.size());
        return rows;
    }

    /** XML attacks, oversize and deep nesting: 454 (or 413 + 454), nothing leaks. */
    @TestFactory
    List<DynamicTest> hostilePayloads() {
        String ns = "xmlns:oadr=\"http://openadr.org/oadr-2.0b/2012/07\"";
        byte[] big = new byte[1024 * 1024 + 10];
        Arrays.fill(big, (byte) ' ');
        String deep = "<a>".repeat(10_000) + "</a>".repeat(10_000);
        return List.of(
                row("XXE file entity", () -> refusedWith("454").accept(good.post("OadrPoll", ("<?xml version=\"1.0\"?>"
                        + "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><oadr:oadrPayload " + ns + ">&e;"
                        + "</oadr:oadrPayload>").getBytes(StandardCharsets.UTF_8)))),
                row("external DTD", () -> refusedWith("454").accept(good.post("OadrPoll", ("<!DOCTYPE x SYSTEM "
                        + "\"http://127.0.0.1:9/x.dtd\"><oadr:oadrPayload " + ns + "/>").getBytes(StandardCharsets.UTF_8)))),
                row("billion laughs", () -> refusedWith("454").accept(good.post("OadrPoll", ("<!DOCTYPE l [<!ENTITY a "
                        + "\"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;"
                        + "&b;&b;&b;\">]><oadr:oadrPayload " + ns + ">&c;</oadr:oadrPayload>")
                        .getBytes(StandardCharsets.UTF_8)))),
                row("10,000-deep nesting", () -> refusedWith("454").accept(good.post("OadrPoll",
                        deep.getBytes(StandardCharsets.UTF_8)))),
                row("body over 1 MiB: 413 + 454, or the connection closed while sending (RFC 9110 §15.5.14)", () -> {
                    try {
                        ScriptedVen.Reply r = good.post("OadrPoll", big);
                        assertEquals(413, r.status());
                        refusedWith("454").accept(r);
                    } catch (java.io.UncheckedIOException closedWhileSending) {
                        assertTrue(closedWhileSending.getCause() != null);
                    }
                }),
                row("malformed XML", () -> refusedWith("454").accept(good.post("OadrPoll",
                        "<oadr:oadrPayload".getBytes(StandardCharsets.UTF_8)))),
                row("not XML at all", () -> refusedWith("454").accept(good.post("OadrPoll",
                        new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe}))));
    }

    /** Forged identifiers: another VEN's venID, an LFDI-shaped or path-like venID, a foreign registrationID: 452. */
    @TestFactory
    List<DynamicTest> forgedIdentifiers() {
        return List.of(
                row("poll as another VEN", () -> refusedWith("452").accept(good.post("OadrPoll", poll(other.venId)))),
                row("register under another VEN's venID", () -> refusedWith("452").accept(good.post("EiRegisterParty",
                        OadrHarness.codec().encodePayload(good.registrationRequest(other.venId, null))))),
                row("register under an LFDI-shaped venID", () -> refusedWith("452").accept(good.post("EiRegisterParty",
                        OadrHarness.codec().encodePayload(good.registrationRequest("0123456789abcdef0123456789abcdef01234567",
                                null))))),
                row("register under a path-like venID", () -> refusedWith("452").accept(good.post("EiRegisterParty",
                        OadrHarness.codec().encodePayload(good.registrationRequest("../a/b", null))))),
                row("cancel another VEN's registration", () -> refusedWith("452").accept(good.post("EiRegisterParty",
                        OadrXml.payload("<oadr:oadrCancelPartyRegistration ei:schemaVersion=\"2.0b\"><pyld:requestID>r1"
                                + "</pyld:requestID><ei:registrationID>" + other.registrationId + "</ei:registrationID>"
                                + "<ei:venID>" + good.venId + "</ei:venID></oadr:oadrCancelPartyRegistration>")))),
                row("opt on another VEN's behalf", () -> refusedWith("452").accept(good.post("EiOpt",
                        OadrXml.createOpt(other.venId, "forged-opt", null)))));
    }

    /** Issue #12 item 1: a revoked VEN behind reordered, padded or duplicated chains is refused; a good one served. */
    @TestFactory
    List<DynamicTest> reorderedAndPaddedChains() {
        Credential revoked = vtn.pki.revoked();
        Credential goodVen = vtn.pki.venEcc();
        java.security.cert.X509Certificate intermediate = vtn.pki.pki().authority("oadr-intermediate").certificate();
        java.security.cert.X509Certificate unrelated = vtn.pki.unknownCa().certificate();
        int port = vtn.server.oadrBaseUri().getPort();
        String path = vtn.server.oadrBaseUri().getPath() + "EiEvent";
        List<DynamicTest> rows = new ArrayList<>();
        for (List<java.security.cert.X509Certificate> chain : List.of(
                List.of(revoked.certificate(), intermediate),
                List.of(revoked.certificate(), unrelated, intermediate),
                List.of(revoked.certificate(), intermediate, unrelated),
                List.of(revoked.certificate(), intermediate, intermediate),
                List.of(revoked.certificate(), unrelated, unrelated, intermediate))) {
            rows.add(row("revoked leaf + " + (chain.size() - 1) + " certificates, order " + chain.indexOf(intermediate),
                    () -> assertThrows(java.io.IOException.class, () -> org.openvtn.certs.testing.PaddedChains.get(
                            vtn.pki, false, revoked, chain, port, path))));
        }
        rows.add(row("good leaf behind a padded chain is served", () -> assertTrue(
                org.openvtn.certs.testing.PaddedChains.get(vtn.pki, false, goodVen, List.of(goodVen.certificate(),
                        unrelated, intermediate), port, path).startsWith("HTTP/1.1 "))));
        return rows;
    }
}
