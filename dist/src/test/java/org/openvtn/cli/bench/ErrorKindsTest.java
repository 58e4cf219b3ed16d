package org.openvtn.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.openvtn.ven.VenException;
import org.openvtn.ven.transport.HttpReply;

/** Issue #18: bench poll counts failed polls by kind, the same cause on two nodes as one kind. */
class ErrorKindsTest {

    @Test
    void theSameCauseOnTwoNodesIsOneKind() {
        ErrorKinds k = new ErrorKinds();
        k.count(venError("I/O failure on 127.0.0.1:43411/OpenADR2/Simple/2.0b/OadrPoll: Connection reset"), null, null);
        k.count(venError("I/O failure on 127.0.0.1:43421/OpenADR2/Simple/2.0b/OadrPoll: Connection reset"), null, null);
        k.count(null, new HttpReply(503, new byte[0], null), null);
        assertEquals(Map.of("I/O failure: Connection reset", 2L, "HTTP 503", 1L), k.snapshot());
    }

    @Test
    void generatorLinesAddUp() {
        StringWriter w = new StringWriter();
        ErrorKinds.print(new PrintWriter(w, true), Map.of("timeout: no reply within 30000 ms", 3L));
        Map<String, Long> sum = new TreeMap<>(Map.of("timeout: no reply within 30000 ms", 2L));
        assertTrue(ErrorKinds.parse(w.toString().strip(), sum));
        assertFalse(ErrorKinds.parse("RESULT 1 2 3", sum));
        assertEquals(5L, sum.get("timeout: no reply within 30000 ms"));
    }

    private static VenException venError(String message) {
        return new VenException(VenException.Kind.TRANSPORT, 0, message, null);
    }
}
