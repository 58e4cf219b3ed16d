package org.openvtn.sep;

import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import com.code_intelligence.jazzer.api.BugDetectors;
import org.openvtn.certs.pki.Credential;

/**
 * Jazzer target: the IEEE 2030.5 HTTP entry point of a real server over CCM_8 mutual TLS (issue #12, fuzzing of each
 * handler entry point). Byte 0 picks the method, byte 1 a resource of the registered device (or of another device,
 * for cross-device access, CSIP-AUS S-ALL-05), byte 2 a query suffix; the rest is the body. A finding is any 5xx, or
 * a device that can no longer read its DeviceCapability.
 */
public final class SepHttpFuzzer {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "HEAD");
    private static final List<String> QUERIES = List.of("", "?s=0&l=1", "?s=4294967296&l=-1", "?l=65536", "?a=1",
            "?s=x", "/../..", "/%2e%2e/", "/9999999999999999999");
    private static final Logger QUIET_TLS = Logger.getLogger("org.bouncycastle");
    private static SepFixture server;
    private static SepFixture.Client device;
    private static List<String> paths;
    private static long count;

    /** Called by Jazzer once before the first input (not counted in the per-input timeout). */
    public static void fuzzerInitialize() {
        QUIET_TLS.setLevel(Level.WARNING);
        try {
            // the production notificationURI rule: a subscription that made the server connect anywhere but its own
            // port would be reported by Jazzer's SSRF detector
            server = new SepFixture(org.openvtn.sep.notify.DeliveryPolicy.defaults(), null, true);
            int port = server.server.port();
            BugDetectors.allowNetworkConnections((host, p) -> p == port);
            Credential cred = SepFixture.PKI.device();
            device = server.client(cred);
            String edev = SepServerIT.register(device, cred);
            server.core.programs().create("fuzz", "http://example.com/fuzz");
            paths = List.of("/dcap", "/tm", "/edev", edev, edev + "/sub", edev + "/fsa", edev + "/der", edev + "/dstat",
                    edev + "/di", edev + "/ps", edev + "/lel", edev + "/rsps", "/rsps", "/mup", "/upt", "/derp",
                    edev + "/reg", edev + "/der/1/dercap", edev + "/der/1/derg", edev + "/der/1/ders",
                    edev + "/der/1/dera", "/edev/1", "/edev/2/sub", "/edev/999/der", "/lfdi", "/");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SepHttpFuzzer() {
    }

    public static void fuzzerTestOneInput(byte[] input) throws Exception {
        if (input.length < 3) {
            return;
        }
        String method = METHODS.get((input[0] & 0xff) % METHODS.size());
        String path = paths.get((input[1] & 0xff) % paths.size()) + QUERIES.get((input[2] & 0xff) % QUERIES.size());
        byte[] body = Arrays.copyOfRange(input, 3, input.length);
        byte[] content = method.equals("POST") || method.equals("PUT") ? body : null;
        SepFixture.Reply r = send(method, path, content);
        if (r.status() >= 500) {
            throw new IllegalStateException(method + " " + path + " answered HTTP " + r.status() + ": " + r.text());
        }
        if (++count % 256 == 0 && send("GET", "/dcap", null).status() != 200) {
            throw new IllegalStateException("the server no longer serves /dcap");
        }
    }

    /**
     * The server may close a kept-alive connection after an error answer (a malformed request, a body left unread); a
     * client retries on a new connection, and only a second failure is a finding.
     */
    private static SepFixture.Reply send(String method, String path, byte[] content) throws Exception {
        try {
            return device.send(method, path, content);
        } catch (java.util.concurrent.ExecutionException closedKeepAlive) {
            return device.send(method, path, content);
        }
    }
}
