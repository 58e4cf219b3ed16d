package org.openvtn.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/**
 * Hostile documents are refused before they can cost memory or leak data: XXE reading a local file,
 * entity expansion ("billion laughs"), a 10 MiB document and 10,000-deep nesting. Each is tried through every
 * entry point a peer's bytes reach: decode (bind), validate, and the standard detection used by the CLI.
 * The timeout only guards against a hang; speed is measured in the benchmarks, not here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class XmlAttackTest {

    static OadrCodec oadr;
    static SepCodec sep;
    static XmlToolkit toolkit;

    @TempDir
    Path tmp;

    @BeforeAll
    static void build() {
        PublishedSchemas schemas = new PublishedSchemas();
        oadr = OadrCodec.create(schemas);
        sep = SepCodec.create(schemas);
        toolkit = new XmlToolkit(schemas, XmlLimits.DEFAULT);
    }

    @Test
    void xxeReadingALocalFileIsRefusedAndLeaksNothing() throws Exception {
        Path secret = tmp.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<oadr:oadrPayload xmlns:oadr=\"http://openadr.org/oadr-2.0b/2012/07\"><oadr:oadrSignedObject>"
                + "<oadr:oadrPoll><ei:venID xmlns:ei=\"http://docs.oasis-open.org/ns/energyinterop/201110\">&x;</ei:venID>"
                + "</oadr:oadrPoll></oadr:oadrSignedObject></oadr:oadrPayload>";
        for (XmlCodecException e : refusedEverywhere(doc.getBytes(StandardCharsets.UTF_8))) {
            assertEquals(XmlCodecException.Kind.DTD_FORBIDDEN, e.kind(), e.getMessage());
            assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
        }
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"");
            String prev = i == 1 ? "&lol;" : "&lol" + (i - 1) + ";";
            sb.append(prev.repeat(10)).append("\">");
        }
        sb.append("]>\n<EndDevice xmlns=\"urn:ieee:std:2030.5:ns\"><lFDI>&lol9;</lFDI></EndDevice>");
        for (XmlCodecException e : refusedEverywhere(sb.toString().getBytes(StandardCharsets.UTF_8))) {
            assertEquals(XmlCodecException.Kind.DTD_FORBIDDEN, e.kind(), e.getMessage());
        }
    }

    @Test
    void tenMebibyteDocumentIsRefusedBeforeParsing() throws Exception {
        byte[] big = bigDocument(10 * 1024 * 1024);
        for (XmlCodecException e : refusedEverywhere(big)) {
            assertEquals(XmlCodecException.Kind.TOO_LARGE, e.kind(), e.getMessage());
        }
        // a stream is cut off at the limit instead of being read whole
        CountingStream in = new CountingStream(new ByteArrayInputStream(big));
        XmlCodecException e = assertThrows(XmlCodecException.class, () -> oadr.decode(in));
        assertEquals(XmlCodecException.Kind.TOO_LARGE, e.kind());
        assertTrue(in.read <= XmlLimits.DEFAULT.maxDocumentBytes() + 8192, "read " + in.read + " bytes");
    }

    @Test
    void tenThousandDeepNestingIsRefused() {
        String open = "<a>".repeat(10_000);
        String close = "</a>".repeat(10_000);
        String doc = "<oadr:oadrPayload xmlns:oadr=\"http://openadr.org/oadr-2.0b/2012/07\">" + open + close
                + "</oadr:oadrPayload>";
        for (XmlCodecException e : refusedEverywhere(doc.getBytes(StandardCharsets.UTF_8))) {
            assertTrue(e.kind() == XmlCodecException.Kind.TOO_COMPLEX || e.kind() == XmlCodecException.Kind.SCHEMA_INVALID,
                    e.kind() + ": " + e.getMessage());
        }
        // nesting alone, in a document the schema would otherwise not reject early, trips the depth guard
        XmlCodecException e = assertThrows(XmlCodecException.class,
                () -> toolkit.detect(("<x xmlns=\"urn:ieee:std:2030.5:ns\">" + open + close + "</x>").getBytes(StandardCharsets.UTF_8)));
        assertEquals(XmlCodecException.Kind.TOO_COMPLEX, e.kind(), e.getMessage());
    }

    @Test
    void malformedXmlNamesTheLine() {
        byte[] doc = "<EndDevice xmlns=\"urn:ieee:std:2030.5:ns\">\n<lFDI>ab</lFDI>\n</EndDevic>".getBytes(StandardCharsets.UTF_8);
        // (the OpenADR codec refuses it earlier, at the unknown root element, so only 2030.5 paths are checked)
        for (Executable ex : new Executable[] {() -> sep.decode(doc), () -> sep.validate(doc), () -> toolkit.validate(doc)}) {
            XmlCodecException e = assertThrows(XmlCodecException.class, ex);
            assertEquals(XmlCodecException.Kind.MALFORMED, e.kind(), e.getMessage());
            assertEquals(3, e.line(), e.getMessage());
        }
    }

    @Test
    void theLimitIsConfigurable() throws Exception {
        byte[] doc = bigDocument(4096);
        SepCodec tight = SepCodec.create(new PublishedSchemas(), XmlLimits.DEFAULT.withMaxDocumentBytes(2048), true, true);
        assertEquals(XmlCodecException.Kind.TOO_LARGE, assertThrows(XmlCodecException.class, () -> tight.decode(doc)).kind());
        assertThrows(IllegalArgumentException.class, () -> XmlLimits.DEFAULT.withMaxDocumentBytes(10));
    }

    private static byte[] bigDocument(int size) {
        StringBuilder sb = new StringBuilder(size + 100).append("<EndDevice xmlns=\"urn:ieee:std:2030.5:ns\"><lFDI>");
        while (sb.length() < size) {
            sb.append("0123456789ABCDEF");
        }
        return sb.append("</lFDI></EndDevice>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Runs the document through every entry point and returns the exception each raised. */
    private static java.util.List<XmlCodecException> refusedEverywhere(byte[] doc) {
        java.util.List<XmlCodecException> out = new java.util.ArrayList<>();
        for (Executable ex : new Executable[] {
                () -> oadr.decode(doc), () -> oadr.validate(doc), () -> sep.decode(doc), () -> sep.validate(doc),
                () -> toolkit.validate(doc)}) {
            out.add(assertThrows(XmlCodecException.class, ex));
        }
        return out;
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        long read;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
