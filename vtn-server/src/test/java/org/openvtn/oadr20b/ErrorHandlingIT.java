package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrResponseType;

/**
 * Bad input over mutual TLS (OpenADR 2.0b conformance rule 48 application codes; G1_4010): every
 * refusal is a schema-valid 2.0b payload with a code, never a stack trace; nothing is stored;
 * the server stays up.
 */
class ErrorHandlingIT {
    private static OadrHarness vtn;
    private static ScriptedVen ven;

    @BeforeAll
    static void start() {
        vtn = OadrHarness.inMemory();
        ven = vtn.newVen();
        ven.register();
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    private static String code(ScriptedVen.Reply r) {
        return assertInstanceOf(OadrResponseType.class, r.message()).getEiResponse().getResponseCode();
    }

    /** A schema-invalid payload gets 454 in a schema-valid oadrResponse (no stack trace). */
    @Test
    void schemaInvalidGets454() {
        ScriptedVen.Reply r = ven.post("OadrPoll", OadrXml.payload("<oadr:oadrPoll ei:schemaVersion=\"2.0b\">"
                + "<ei:venID>" + ven.venId + "</ei:venID><ei:bogus/></oadr:oadrPoll>"));
        assertEquals(200, r.status());
        assertEquals("454", code(r));
        assertFalse(new String(r.body(), StandardCharsets.UTF_8).contains("Exception"));
    }

    /** Every file of ../shared/vectors/openadr-2.0b/invalid is refused with a 2.0b code, and nothing registers. */
    @Test
    void invalidVectorsAreRefused() throws Exception {
        Path dir = VectorsIT.vectors().resolve("invalid");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        ScriptedVen stranger = vtn.newVen();
        for (Path f : files) {
            for (String service : List.of("EiRegisterParty", "EiEvent", "EiReport")) {
                ScriptedVen.Reply r = stranger.post(service, Files.readAllBytes(f));
                assertEquals(200, r.status(), f.toString());
                String c = r.message() instanceof OadrResponseType x ? x.getEiResponse().getResponseCode()
                        : assertInstanceOf(OadrCreatedPartyRegistrationType.class, r.message()).getEiResponse()
                        .getResponseCode();
                assertTrue(List.of("454", "453", "463", "452").contains(c), f + " on " + service + " got " + c);
            }
        }
        assertTrue(stranger.query().getRegistrationID() == null, "an invalid document registered a VEN");
    }

    /** Malformed XML and a DOCTYPE (XXE attempt) get 454; the server keeps serving. */
    @Test
    void malformedAndDoctype() {
        assertEquals("454", code(ven.post("OadrPoll", "<oadr:oadrPayload".getBytes(StandardCharsets.UTF_8))));
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<oadr:oadrPayload xmlns:oadr=\"http://openadr.org/oadr-2.0b/2012/07\">&e;</oadr:oadrPayload>";
        ScriptedVen.Reply r = ven.post("OadrPoll", xxe.getBytes(StandardCharsets.UTF_8));
        assertEquals("454", code(r));
        assertFalse(new String(r.body(), StandardCharsets.UTF_8).contains("root:"));
        assertNotNull(ven.poll(), "the server still answers");
    }

    /**
     * A body over the codec limit is refused from its Content-Length with HTTP 413 and a 454 payload. The server
     * answers before reading the body and may close the connection while the client is still sending it (RFC 9110
     * §15.5.14), in which case the client can see the connection reset instead of the answer; either way the server
     * keeps serving.
     */
    @Test
    void oversizedBodyRefused() {
        byte[] big = new byte[1024 * 1024 + 10];
        Arrays.fill(big, (byte) ' ');
        try {
            ScriptedVen.Reply r = ven.post("OadrPoll", big);
            assertEquals(413, r.status());
            assertEquals("454", code(r));
        } catch (java.io.UncheckedIOException closedWhileSending) {
            assertNotNull(closedWhileSending.getCause());
        }
        Object after;
        try {
            after = ven.poll();
        } catch (java.io.UncheckedIOException reusedClosedConnection) {
            // the client may have reused the keep-alive connection the server closed after refusing the body (RFC
            // 9112 §9.6): the request never reached the server; the check is that a new connection is served
            after = ven.poll();
        }
        assertNotNull(after, "the server still answers");
    }

    /** A message posted to the wrong service gets 453 naming the right one; GET gets 405; unknown service 404. */
    @Test
    void wrongServiceMethodAndPath() throws Exception {
        ScriptedVen.Reply r = ven.post("EiEvent", vtn.codec().encodePayload(ven.pollMessage()));
        assertEquals("453", code(r));
        assertTrue(assertInstanceOf(OadrResponseType.class, r.message()).getEiResponse().getResponseDescription()
                .contains("OadrPoll"));
        HttpResponse<String> get = ven.raw("GET", "EiEvent", null);
        assertEquals(405, get.statusCode());
        HttpResponse<String> unknown = ven.raw("POST", "EiNothing", new byte[0]);
        assertEquals(404, unknown.statusCode());
    }
}
