package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.oadr20b.OadrCreatedOptType;

/**
 * Log injection (issue #12 item 10): identifiers a VEN chooses reach the operator's log escaped, so a CR/LF in an
 * optID or eventID cannot forge a log line. The VTN's log (slf4j-simple on standard error in the tests) is captured
 * while a VEN sends an opt whose IDs carry line breaks.
 */
class LogInjectionIT {
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

    @Test
    void lineBreaksInVenChosenIdsAreEscaped() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ScriptedVen.Reply r;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            r = ven.post("EiOpt", OadrXml.createOpt(ven.venId, "opt&#13;&#10;FORGED-OPT admin token leaked",
                    "evt&#10;FORGED-EVENT"));
        } finally {
            System.setErr(original);
        }
        assertEquals("452", assertInstanceOf(OadrCreatedOptType.class, r.message()).getEiResponse().getResponseCode());
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("FORGED-EVENT"), "the refusal is logged: " + log);
        for (String line : log.split("\n")) {
            assertFalse(line.startsWith("FORGED") || line.startsWith("\rFORGED"), "a forged log line: " + log);
        }
        assertTrue(log.contains("\\u000a"), "the line break is shown escaped: " + log);
    }
}
