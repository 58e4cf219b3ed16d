package org.openvtn.oadr20b;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import com.code_intelligence.jazzer.api.BugDetectors;

/**
 * Jazzer target: the OpenADR 2.0b HTTP entry point of a real VTN over mutual TLS (issue #12, fuzzing of each handler
 * entry point). The first input byte picks one of the five services, the rest is the POST body; the literal
 * {@code VEN_ID} is replaced by the registered VEN's venID so seeds such as docs/examples reach the services past
 * the identity check. A finding is any HTTP 5xx, any 200 whose body is not a schema-valid 2.0b payload (the scripted
 * VEN decodes every answer with validation on), or a server that stops answering a plain poll.
 */
public final class OadrHttpFuzzer {
    private static final List<String> SERVICES = List.of("EiRegisterParty", "EiEvent", "EiReport", "EiOpt", "OadrPoll");
    private static final Logger QUIET_TLS = Logger.getLogger("org.bouncycastle");
    private static OadrHarness vtn;
    private static ScriptedVen ven;
    private static final byte[] VEN_ID = "VEN_ID".getBytes(StandardCharsets.US_ASCII);
    private static long count;

    /** Called by Jazzer once before the first input (not counted in the per-input timeout). */
    public static void fuzzerInitialize() {
        QUIET_TLS.setLevel(Level.WARNING);
        vtn = OadrHarness.inMemory();
        // Jazzer's SSRF detector stays on for every other destination
        int port = vtn.server.oadrBaseUri().getPort();
        BugDetectors.allowNetworkConnections((host, p) -> p == port);
        ven = vtn.newVen();
        ven.register();
    }

    private OadrHttpFuzzer() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        if (input.length == 0) {
            return;
        }
        String service = SERVICES.get((input[0] & 0xff) % SERVICES.size());
        byte[] body = replace(java.util.Arrays.copyOfRange(input, 1, input.length), VEN_ID,
                ven.venId.getBytes(StandardCharsets.US_ASCII));
        ScriptedVen.Reply r;
        try {
            r = ven.post(service, body);
        } catch (java.io.UncheckedIOException closedKeepAlive) {
            r = ven.post(service, body); // as in AdminHttpFuzzer: only a second failure is a finding
        }
        if (r.status() >= 500) {
            throw new IllegalStateException(service + " answered HTTP " + r.status());
        }
        if (++count % 256 == 0) {
            ven.poll(); // still up, still schema-valid (ScriptedVen fails otherwise)
        }
    }

    static byte[] replace(byte[] in, byte[] what, byte[] with) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length + 64);
        int i = 0;
        while (i < in.length) {
            if (i + what.length <= in.length && java.util.Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                out.writeBytes(with);
                i += what.length;
            } else {
                out.write(in[i++]);
            }
        }
        return out.toByteArray();
    }
}
