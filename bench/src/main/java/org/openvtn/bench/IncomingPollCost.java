package org.openvtn.bench;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.UnmarshallerHandler;
import org.glassfish.jaxb.runtime.v2.runtime.unmarshaller.SAXConnector;
import org.glassfish.jaxb.runtime.v2.runtime.unmarshaller.UnmarshallerImpl;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SchemaValidator;
import org.openvtn.schemas.SecureXmlInput;
import org.openvtn.schemas.XmlLimits;
import org.openvtn.schemas.oadr20b.OadrPayload;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Where the incoming oadrPoll's XML time goes (issue #18, BENCHMARKS.md section 9 "Session 9, poll path"), from the
 * JVM's per-thread counters: the codec's whole decode, then its parts (SAX parse alone, parse + validation), and JAXB
 * binding behind the same parser with and without JAXB re-interning every name, plus the body read before and after
 * the handler's change; and the full path against the proven-shape path of {@code OadrCodec.decodePayload} (session 10). Run: {@code java -cp bench/target/benchmarks.jar org.openvtn.bench.IncomingPollCost 20000 20000}.
 */
public final class IncomingPollCost {
    private static final com.sun.management.ThreadMXBean T =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static Object sink;

    private interface Op {
        Object run() throws Exception;
    }

    private IncomingPollCost() {
    }

    private static void measure(String name, int warm, int n, Op op) throws Exception {
        for (int i = 0; i < warm; i++) {
            sink = op.run();
        }
        long tid = Thread.currentThread().getId();
        long a0 = T.getThreadAllocatedBytes(tid);
        long c0 = T.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            sink = op.run();
        }
        long a1 = T.getThreadAllocatedBytes(tid);
        long c1 = T.getCurrentThreadCpuTime();
        System.out.printf("%-48s thread CPU %8.2f us/op, allocated %8d B/op%n", name, (c1 - c0) / 1e3 / n, (a1 - a0) / n);
    }

    private static Object parse(XMLReader reader, UnmarshallerHandler handler, byte[] doc) throws Exception {
        reader.setContentHandler(handler);
        reader.parse(new InputSource(new ByteArrayInputStream(doc)));
        return handler.getResult();
    }

    /** @param a warm-up calls, measured calls */
    public static void main(String[] a) throws Exception {
        int warm = Integer.parseInt(a[0]);
        int n = Integer.parseInt(a[1]);
        OadrCodec codec = OadrCodec.create(new PublishedSchemas());
        OadrPollType poll = new OadrPollType();
        poll.setSchemaVersion("2.0b");
        poll.setVenID("ven-1234567890abcdef");
        byte[] doc = codec.encodePayload(poll);
        SchemaValidator validator = new SchemaValidator(codec.schema(), XmlLimits.DEFAULT);
        XMLReader reader = SecureXmlInput.saxParserFactory().newSAXParser().getXMLReader();
        java.lang.reflect.Method context = org.openvtn.schemas.XmlCodec.class.getDeclaredMethod("context");
        context.setAccessible(true); // the codec's own JAXB context (protected accessor)
        UnmarshallerImpl um = (UnmarshallerImpl) ((JAXBContext) context.invoke(codec)).createUnmarshaller();
        for (int round = 1; round <= 2; round++) {
            System.out.println("round " + round + " (" + doc.length + "-byte oadrPoll)");
            measure("codec decode, full path (parse + validate + bind)", warm, n,
                    () -> codec.unwrap(codec.decode(doc, OadrPayload.class)));
            codec.decodePayload(doc); // proves the body's shape (session 10, slice L)
            measure("codec decode, proven shape (same venID)", warm, n, () -> codec.unwrap(codec.decodePayload(doc)));
            byte[][] others = new byte[1000][];
            for (int i = 0; i < others.length; i++) {
                poll.setVenID(String.format("ven-%016x", i * 7919L));
                others[i] = codec.encodePayload(poll);
            }
            int[] next = {0};
            measure("codec decode, proven shape (1,000 venIDs)", warm, n,
                    () -> codec.unwrap(codec.decodePayload(others[next[0]++ % others.length])));
            OadrPayload bound = codec.decodePayload(doc);
            measure("unwrap alone (oadrSignedObject slots)", warm, n, () -> codec.unwrap(bound));
            measure("parse + validate", warm, n, () -> {
                validator.validate(doc);
                return null;
            });
            measure("SAX parse alone", warm, n, () -> {
                reader.setContentHandler(new DefaultHandler());
                reader.parse(new InputSource(new ByteArrayInputStream(doc)));
                return null;
            });
            measure("parse + bind, JAXB re-interns names (before)", warm, n,
                    () -> parse(reader, um.getUnmarshallerHandler(), doc));
            measure("parse + bind, names as the parser interned them", warm, n,
                    () -> parse(reader, new SAXConnector(um.createUnmarshallerHandler(null, false, null), null), doc));
            measure("body read: readNBytes(limit + 1) (before)", warm, n,
                    () -> new ByteArrayInputStream(doc) { }.readNBytes((1 << 20) + 1));
            measure("body read: array of Content-Length (after)", warm, n, () -> {
                ByteArrayInputStream in = new ByteArrayInputStream(doc) { };
                byte[] body = new byte[doc.length];
                in.readNBytes(body, 0, body.length);
                return in.read() < 0 ? body : null;
            });
        }
    }
}
