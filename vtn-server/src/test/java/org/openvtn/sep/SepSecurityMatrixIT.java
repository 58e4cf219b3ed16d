package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.openvtn.certs.pki.Credential;

/**
 * The security matrix of the IEEE 2030.5 listener (issue #12, docs/security.md): the bad device certificates (CSIP
 * COMM-004 and the pki/bad matrix), XML attacks, oversize and deep bodies, forged LFDIs, and cross-device access to
 * every resource kind of another EndDevice (CSIP-AUS S-ALL-05), each followed by a check that a good device is still
 * served. Refusals are 4xx (400 with an Error, 403, 404, 413), never a 5xx, and no body leaks file contents.
 */
class SepSecurityMatrixIT {
    private static SepFixture fx;
    private static SepFixture.Client mine;
    private static SepFixture.Client theirs;
    private static String myEdev;
    private static String theirEdev;

    @BeforeAll
    static void start() throws Exception {
        fx = new SepFixture();
        Credential a = SepFixture.PKI.device();
        Credential b = SepFixture.PKI.deviceViaMca();
        mine = fx.client(a);
        theirs = fx.client(b);
        myEdev = SepServerIT.register(mine, a);
        theirEdev = SepServerIT.register(theirs, b);
        fx.core.programs().create("matrix", "http://example.com/matrix");
    }

    @AfterAll
    static void stop() throws Exception {
        mine.close();
        theirs.close();
        fx.close();
    }

    private static DynamicTest row(String name, Executable attack) {
        return DynamicTest.dynamicTest(name, () -> {
            attack.execute();
            assertEquals(200, mine.get("/dcap").status(), "the server still serves a good device after: " + name);
        });
    }

    private static void refused(SepFixture.Reply r, int... allowed) {
        assertTrue(Arrays.stream(allowed).anyMatch(s -> s == r.status()), "HTTP " + r.status() + ": " + r.text());
        assertFalse(r.text().contains("root:") || r.text().contains("Exception"), r.text());
    }

    @TestFactory
    List<DynamicTest> badDeviceCertificates() {
        List<DynamicTest> rows = new ArrayList<>();
        for (Map.Entry<String, Credential> e : SepFixture.PKI.badCredentials().entrySet()) {
            if (!e.getKey().startsWith("bad-device-")) {
                continue;
            }
            rows.add(row("certificate " + e.getKey(), () -> {
                SepFixture.Client bad = fx.client(e.getValue());
                try {
                    assertThrows(Exception.class, () -> bad.get("/dcap"), e.getKey() + " got an HTTP answer");
                } finally {
                    bad.close();
                }
            }));
        }
        assertTrue(rows.size() >= 4, "the matrix lost rows: " + rows.size());
        return rows;
    }

    @TestFactory
    List<DynamicTest> hostileBodies() {
        byte[] big = new byte[1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        String ns = "xmlns=\"urn:ieee:std:2030.5:ns\"";
        return List.of(
                row("XXE file entity", () -> refused(mine.post("/edev", ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e "
                        + "SYSTEM \"file:///etc/passwd\">]><EndDevice " + ns + "><lFDI>&e;</lFDI></EndDevice>")
                        .getBytes(StandardCharsets.UTF_8)), 400)),
                row("billion laughs", () -> refused(mine.post("/edev", ("<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
                        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><EndDevice " + ns + ">&b;</EndDevice>")
                        .getBytes(StandardCharsets.UTF_8)), 400)),
                row("10,000-deep nesting", () -> refused(mine.post("/edev", ("<a>".repeat(10_000) + "</a>".repeat(10_000))
                        .getBytes(StandardCharsets.UTF_8)), 400, 413)),
                row("1 MiB body: 413 from Content-Length, or the connection closed before it is all sent", () -> {
                    try {
                        refused(mine.post("/edev", big), 400, 413);
                    } catch (java.util.concurrent.ExecutionException closedEarly) {
                        assertTrue(closedEarly.getCause() instanceof java.io.IOException, closedEarly.toString());
                    }
                }),
                row("not XML", () -> refused(mine.post("/edev", new byte[] {0, (byte) 0xff, 1}), 400)),
                row("schema-invalid", () -> refused(mine.post("/edev", ("<EndDevice " + ns + "><bogus/></EndDevice>")
                        .getBytes(StandardCharsets.UTF_8)), 400)));
    }

    /** CSIP-AUS S-ALL-05: no method on another device's resources reaches them; S-ALL-52: a forged LFDI is 403. */
    @TestFactory
    List<DynamicTest> crossDeviceAccess() throws Exception {
        List<DynamicTest> rows = new ArrayList<>();
        for (String suffix : List.of("", "/reg", "/fsa", "/der", "/dstat", "/di", "/ps", "/lel", "/sub", "/derp",
                "/der/1/dercap", "/der/1/derg", "/der/1/ders", "/der/1/dera")) {
            String path = theirEdev + suffix;
            rows.add(row("GET " + path, () -> refused(mine.get(path), 403, 404)));
            rows.add(row("PUT " + path, () -> refused(mine.put(path, "<x/>".getBytes(StandardCharsets.UTF_8)), 400, 403,
                    404, 405)));
            rows.add(row("DELETE " + path, () -> refused(mine.send("DELETE", path, null), 403, 404, 405)));
        }
        rows.add(row("POST a Subscription on another device", () -> refused(mine.post(theirEdev + "/sub",
                SepSubscriptionIT.subscription(theirEdev, "https://127.0.0.1:9/n", 1)), 400, 403, 404)));
        rows.add(row("POST an EndDevice with another device's LFDI", () -> refused(mine.post("/edev",
                SepServerIT.endDevice(SepServerIT.lfdiOf(SepFixture.PKI.deviceViaMca()), null)), 403)));
        rows.add(row("their data intact", () -> assertEquals(200, theirs.get(theirEdev).status())));
        return rows;
    }
}
