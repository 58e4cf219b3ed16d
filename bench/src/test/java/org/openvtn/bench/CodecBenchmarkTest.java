package org.openvtn.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.sep.DERControlList;

/**
 * Runs every benchmark method of {@link CodecBenchmark} once so the benchmarks cannot rot: the fixtures have
 * the documented shape (issue 8: 3 events x 2 signals x 24 intervals; a 24-item DERControlList page) and each
 * measured operation produces a schema-valid result. JMH itself never runs in {@code mvn verify}.
 */
class CodecBenchmarkTest {
    static CodecBenchmark b;

    @BeforeAll
    static void setUp() throws Exception {
        b = new CodecBenchmark();
        b.setup();
    }

    @Test
    void distributionHasTheRealisticShape() throws Exception {
        OadrDistributeEventType d = (OadrDistributeEventType) b.oadrDistributeDecodeValidate();
        assertEquals(3, d.getOadrEvent().size());
        for (OadrDistributeEventType.OadrEvent e : d.getOadrEvent()) {
            var signals = e.getEiEvent().getEiEventSignals().getEiEventSignal();
            assertEquals(2, signals.size());
            signals.forEach(s -> assertEquals(24, s.getIntervals().getInterval().size()));
        }
    }

    @Test
    void oadrMethodsProduceValidResults() throws Exception {
        assertInstanceOf(OadrDistributeEventType.class, b.oadrDistributeDecodeNoValidation());
        byte[] encoded = b.oadrDistributeEncodeValidate();
        b.oadr.validate(encoded);
        assertArrayEquals(encoded, b.oadrDistributeEncodeNoValidation());
        assertArrayEquals(encoded, b.oadrPollRound());
        assertTrue(b.oadrDistributeStaxParse() > 3 * 2 * 24);
        assertTrue(b.oadrPollRoundStaxParse() > b.oadrDistributeStaxParse());
    }

    @Test
    void sepMethodsProduceValidResults() throws Exception {
        DERControlList page = (DERControlList) b.sepDerControlListDecodeValidate();
        assertEquals(24, page.getDERControl().size());
        assertInstanceOf(DERControlList.class, b.sepDerControlListDecodeNoValidation());
        byte[] encoded = b.sepDerControlListEncodeValidate();
        b.sep.validate(encoded);
        assertArrayEquals(encoded, b.sepDerControlListEncodeNoValidation());
        assertEquals(24, ((DERControlList) b.sepDerControlListRound()).getDERControl().size());
        assertTrue(b.sepDerControlListStaxParse() > 24);
    }
}
