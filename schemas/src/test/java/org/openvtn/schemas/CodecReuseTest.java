package org.openvtn.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.oadr20b.OadrPollType;

/**
 * The codec reuses one marshaller, unmarshaller and schema validator per thread (issue 8). A refused document
 * or object must not poison that state: the next call on the same thread gives the same answer as a fresh codec,
 * and threads never share a validator.
 */
class CodecReuseTest {
    static OadrCodec codec;
    static ExecutorService pool;

    @BeforeAll
    static void setUp() {
        codec = OadrCodec.create(new PublishedSchemas());
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    static OadrPollType poll(String venId) {
        OadrPollType p = new OadrPollType();
        p.setSchemaVersion("2.0b");
        p.setVenID(venId);
        return p;
    }

    @Test
    void aRefusedDocumentDoesNotPoisonTheNextOnTheSameThread() throws Exception {
        byte[] valid = codec.encodePayload(poll("ven-1"));
        String text = new String(valid, StandardCharsets.UTF_8);
        byte[] invalid = text.replace("ven-1</", "ven-1</ei:venID><ei:venID>x</").getBytes(StandardCharsets.UTF_8);
        byte[] truncated = text.substring(0, text.length() / 2).getBytes(StandardCharsets.UTF_8);
        byte[] doctype = ("<!DOCTYPE x [<!ENTITY a \"b\">]>" + text.substring(text.indexOf("?>") + 2))
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(XmlCodecException.Kind.SCHEMA_INVALID, assertThrows(XmlCodecException.class,
                () -> codec.decodeMessage(invalid)).kind());
        assertEquals("ven-1", ((OadrPollType) codec.decodeMessage(valid)).getVenID());
        assertEquals(XmlCodecException.Kind.MALFORMED, assertThrows(XmlCodecException.class,
                () -> codec.decodeMessage(truncated)).kind());
        assertEquals("ven-1", ((OadrPollType) codec.decodeMessage(valid)).getVenID());
        assertEquals(XmlCodecException.Kind.DTD_FORBIDDEN, assertThrows(XmlCodecException.class,
                () -> codec.decodeMessage(doctype)).kind());
        assertEquals("ven-1", ((OadrPollType) codec.decodeMessage(valid)).getVenID());
    }

    @Test
    void aRefusedObjectDoesNotPoisonTheNextEncode() throws Exception {
        byte[] expected = OadrCodec.create(new PublishedSchemas()).encodePayload(poll("ven-2"));
        assertEquals(XmlCodecException.Kind.SCHEMA_INVALID, assertThrows(XmlCodecException.class,
                () -> codec.encodePayload(poll(null))).kind());
        assertArrayEquals(expected, codec.encodePayload(poll("ven-2")));
        codec.validate(expected);
    }

    @Test
    void threadsGetConsistentResults() throws Exception {
        List<Future<String>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String ven = "ven-thread-" + t;
            results.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    byte[] doc = codec.encodePayload(poll(ven + "-" + i));
                    String back = ((OadrPollType) codec.decodeMessage(doc)).getVenID();
                    if (!back.equals(ven + "-" + i)) {
                        return "mismatch " + back;
                    }
                    if (i % 10 == 0) {
                        assertThrows(XmlCodecException.class, () -> codec.encodePayload(poll(null)));
                    }
                }
                return "ok";
            }));
        }
        for (Future<String> f : results) {
            assertEquals("ok", f.get(60, TimeUnit.SECONDS));
        }
    }
}
