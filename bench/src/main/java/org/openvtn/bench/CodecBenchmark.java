package org.openvtn.bench;

import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.XmlLimits;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.sep.DERControlList;

/**
 * Codec micro-benchmarks (issue 8, measurement 1): bind + validate against the published schemas in both
 * directions, next to a plain StAX pass over the same bytes as the baseline, for the OpenADR 2.0b
 * oadrDistributeEvent of {@link Fixtures} and a 2030.5 DERControlList page.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar CodecBenchmark -prof gc} (see BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {

    OadrCodec oadr;
    OadrCodec oadrNoValidation;
    SepCodec sep;
    SepCodec sepNoValidation;
    XMLInputFactory stax;

    Object distribute;
    byte[] distributeBytes;
    byte[] pollBytes;
    DERControlList derControls;
    byte[] derControlBytes;

    @Setup
    public void setup() throws XmlCodecException {
        PublishedSchemas schemas = new PublishedSchemas();
        oadr = OadrCodec.create(schemas);
        oadrNoValidation = OadrCodec.create(schemas, XmlLimits.DEFAULT, false, false);
        sep = SepCodec.create(schemas);
        sepNoValidation = SepCodec.create(schemas, XmlLimits.DEFAULT, false, false);
        stax = org.openvtn.schemas.SecureXmlInput.xmlInputFactory();

        distribute = Fixtures.distributeEvent();
        distributeBytes = oadr.encodePayload(distribute);
        pollBytes = oadr.encodePayload(Fixtures.poll());
        derControls = Fixtures.derControlList();
        derControlBytes = sep.encode(derControls);
    }

    // ---- OpenADR 2.0b oadrDistributeEvent (3 events x 2 signals x 24 intervals) ----

    /** Baseline: one StAX pass over the oadrDistributeEvent bytes, no binding, no validation. */
    @Benchmark
    public int oadrDistributeStaxParse() throws XMLStreamException {
        return staxPass(distributeBytes);
    }

    /** Unmarshal + validate (what a VEN does with the answer). */
    @Benchmark
    public Object oadrDistributeDecodeValidate() throws XmlCodecException {
        return oadr.decodeMessage(distributeBytes);
    }

    /** Unmarshal without validation: the binding share of the cost. */
    @Benchmark
    public Object oadrDistributeDecodeNoValidation() throws XmlCodecException {
        return oadrNoValidation.decodeMessage(distributeBytes);
    }

    /** Marshal + validate (what the VTN does for every distribution). */
    @Benchmark
    public byte[] oadrDistributeEncodeValidate() throws XmlCodecException {
        return oadr.encodePayload(distribute);
    }

    /** Marshal without validation. */
    @Benchmark
    public byte[] oadrDistributeEncodeNoValidation() throws XmlCodecException {
        return oadrNoValidation.encodePayload(distribute);
    }

    /**
     * One oadrPoll -> oadrDistributeEvent round as the codec sees it on the VTN: decode + validate the poll,
     * encode + validate the distribution (the service work between them is measured by {@code openvtn bench poll}).
     */
    @Benchmark
    public byte[] oadrPollRound() throws XmlCodecException {
        OadrPollType poll = (OadrPollType) oadr.decodeMessage(pollBytes);
        if (poll.getVenID() == null) {
            throw new IllegalStateException("no venID");
        }
        return oadr.encodePayload(distribute);
    }

    /** Baseline of the round: StAX passes over the poll and the distribution bytes. */
    @Benchmark
    public int oadrPollRoundStaxParse() throws XMLStreamException {
        return staxPass(pollBytes) + staxPass(distributeBytes);
    }

    // ---- IEEE 2030.5 DERControlList page (24 DERControls) ----

    @Benchmark
    public int sepDerControlListStaxParse() throws XMLStreamException {
        return staxPass(derControlBytes);
    }

    @Benchmark
    public Object sepDerControlListDecodeValidate() throws XmlCodecException {
        return sep.decode(derControlBytes);
    }

    @Benchmark
    public Object sepDerControlListDecodeNoValidation() throws XmlCodecException {
        return sepNoValidation.decode(derControlBytes);
    }

    @Benchmark
    public byte[] sepDerControlListEncodeValidate() throws XmlCodecException {
        return sep.encode(derControls);
    }

    @Benchmark
    public byte[] sepDerControlListEncodeNoValidation() throws XmlCodecException {
        return sepNoValidation.encode(derControls);
    }

    /** A GET round: the server encodes + validates the page, the device decodes + validates it. */
    @Benchmark
    public Object sepDerControlListRound() throws XmlCodecException {
        return sep.decode(sep.encode(derControls));
    }

    /** Counts element starts so the JIT cannot drop the pass. */
    int staxPass(byte[] doc) throws XMLStreamException {
        XMLStreamReader r = stax.createXMLStreamReader(new ByteArrayInputStream(doc));
        int elements = 0;
        try {
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    elements += r.getAttributeCount() + 1;
                } else if (ev == XMLStreamConstants.CHARACTERS) {
                    elements += r.getTextLength() > 0 ? 0 : 1;
                }
            }
        } finally {
            r.close();
        }
        return elements;
    }
}
