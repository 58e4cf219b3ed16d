package org.openvtn.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openvtn.schemas.oadr20b.OadrPayload;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.ei.EiResponseType;

/**
 * Every OpenADR 2.0b vector written by another implementation is judged by the published schema
 * (OpenADR 2.0b Profile Specification; conformance rule 509: schemaVersion on every payload is part of the
 * schema): valid ones survive decode/encode unchanged, invalid ones are refused with the line and reason.
 */
class OadrCodecVectorTest {

    static OadrCodec codec;

    @BeforeAll
    static void build() {
        codec = OadrCodec.create(new PublishedSchemas());
    }

    static List<Path> valid() {
        return SharedMaterial.files("openadr-2.0b", "valid");
    }

    static List<Path> invalid() {
        return SharedMaterial.files("openadr-2.0b", "invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validVectorRoundTrips(Path file) throws Exception {
        byte[] doc = Files.readAllBytes(file);
        codec.validate(doc);
        XmlRoundTrip.Result r = XmlRoundTrip.run(codec, doc);
        assertTrue(r.similar(), () -> file.getFileName() + " changed in the round trip: " + r.firstDifference());
        // the re-encoded document is itself valid
        codec.validate(r.output());
    }

    /** Full documents arrive wrapped; {@code unwrap} yields the message inside oadrSignedObject. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void wrappedVectorsUnwrapToTheirMessage(Path file) throws Exception {
        byte[] doc = Files.readAllBytes(file);
        Object decoded = codec.decode(doc);
        if (decoded instanceof OadrPayload payload) {
            Object message = codec.unwrap(payload);
            OadrPayload again = codec.wrap(message);
            assertTrue(codec.unwrap(again) == message);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidVectorIsRefused(Path file) throws Exception {
        byte[] doc = Files.readAllBytes(file);
        XmlCodecException e = assertThrows(XmlCodecException.class, () -> codec.decode(doc));
        assertTrue(Set.of(XmlCodecException.Kind.SCHEMA_INVALID, XmlCodecException.Kind.MALFORMED).contains(e.kind()),
                () -> "unexpected kind " + e.kind() + ": " + e.getMessage());
        assertTrue(e.line() > 0, () -> "no line number in: " + e.getMessage());
        assertThrows(XmlCodecException.class, () -> codec.validate(doc));
    }

    @Test
    void encodesAPayloadThatValidatesAndDecodesBack() throws Exception {
        OadrResponseType response = new OadrResponseType();
        response.setSchemaVersion("2.0b");
        EiResponseType ei = new EiResponseType();
        ei.setResponseCode("200");
        ei.setResponseDescription("OK");
        ei.setRequestID("");
        response.setEiResponse(ei);
        response.setVenID("VEN-1");
        byte[] doc = codec.encodePayload(response);
        String text = new String(doc, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("<oadr:oadrPayload"), text);
        Object back = codec.decodeMessage(doc);
        OadrResponseType r = assertInstanceOf(OadrResponseType.class, back);
        assertEquals("VEN-1", r.getVenID());
        assertEquals("200", r.getEiResponse().getResponseCode());
    }

    /** A message missing a required element is refused on the way out too: nothing invalid leaves. */
    @Test
    void refusesToEncodeAnInvalidMessage() {
        OadrPollType poll = new OadrPollType();
        poll.setSchemaVersion("2.0b"); // venID is required by the schema
        XmlCodecException e = assertThrows(XmlCodecException.class, () -> codec.encodePayload(poll));
        assertEquals(XmlCodecException.Kind.SCHEMA_INVALID, e.kind());
        assertTrue(e.getMessage().contains("venID"), e.getMessage());
    }

    @Test
    void roundTripReportsADifference() {
        byte[] a = "<a><b>1</b></a>".getBytes();
        byte[] b = "<a><b>2</b></a>".getBytes();
        assertNull(XmlRoundTrip.firstDifference(a, "<a>\n <b>1.0</b><!-- x --></a>".getBytes()));
        assertTrue(XmlRoundTrip.firstDifference(a, b) != null);
    }
}
