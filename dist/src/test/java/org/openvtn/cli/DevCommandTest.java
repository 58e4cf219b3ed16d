package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.server.VtnServer;
import picocli.CommandLine;

/**
 * {@code openvtn dev} on a fresh data directory: creates the PKI, the admin token and the database, starts both
 * listeners and prints what a user needs; a second start reuses the same PKI and token (state survives).
 */
class DevCommandTest {

    @TempDir
    Path data;

    private DevCommand.Running start(StringWriter sw, String... extra) throws Exception {
        DevCommand cmd = new DevCommand();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(sw));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--data", data.toString(),
                "--oadr-port", "0", "--admin-port", "0", "--sep-port", "0", "--oadr3-port", "0", "--vens", "1"));
        args.addAll(java.util.List.of(extra));
        cl.parseArgs(args.toArray(String[]::new));
        return cmd.start();
    }

    /**
     * Issue #17: {@code --allow-http-notify-loopback} lets a 2030.5 Subscription name a plain-http loopback
     * notificationURI (test harnesses); without it the same subscription is refused (IEEE 2030.5-2018 §5.6: https).
     */
    @Test
    void httpNotifyLoopbackOnlyWithTheOption() throws Exception {
        String lfdi = "0123456789ABCDEF0123456789ABCDEF01234567";
        int pin = java.util.stream.IntStream.range(333330, 333340)
                .filter(org.openvtn.certs.identity.SepIdentity::isValidPin).findFirst().orElseThrow();
        org.openvtn.schemas.sep.Subscription sub = new org.openvtn.schemas.sep.Subscription();
        sub.setEncoding((short) 0);
        sub.setLevel("+S1");
        sub.setLimit(1L);
        sub.setNotificationURI("http://127.0.0.1:9/ntfy");
        for (boolean allowed : new boolean[] {false, true}) {
            try (DevCommand.Running running = allowed ? start(new StringWriter(), "--allow-http-notify-loopback")
                    : start(new StringWriter())) {
                var device = running.sep().endDevices().provision(lfdi, pin);
                sub.setSubscribedResource("/edev/" + device.id());
                try {
                    running.sep().services().subscriptions().subscribe(device, sub, (d, p) -> true);
                    assertTrue(allowed, "an http notificationURI was accepted without the option");
                } catch (org.openvtn.sep.service.SepException e) {
                    assertTrue(!allowed && e.status() == 400, "refused with the option: " + e.getMessage());
                }
            }
        }
    }

    @Test
    void firstStartCreatesEverythingAndPrintsTheBanner() throws Exception {
        StringWriter first = new StringWriter();
        String token;
        try (DevCommand.Running running = start(first)) {
            VtnServer server = running.vtn();
            String out = first.toString();
            assertTrue(out.contains("first start, writing a dev PKI"), out);
            assertTrue(Files.isRegularFile(data.resolve("pki/ca.crt")), "ca.crt");
            assertTrue(Files.isRegularFile(data.resolve("pki/ven/ven-ecc-0001.key")), "VEN key");
            // CSIP COMM-004 material for the sep-server suite (docs/pki.md, NegativePki)
            assertTrue(Files.isRegularFile(data.resolve("pki/bad/device-via-mca-chain.crt")), "bad/device-via-mca");
            assertTrue(Files.isRegularFile(data.resolve("pki/bad/bad-device-mica-eku.key")), "bad/bad-device-mica-eku");
            token = Files.readString(data.resolve("admin-token")).strip();
            assertTrue(out.contains(token), out);
            assertTrue(out.contains(server.oadrBaseUri().toString()), out);
            assertTrue(out.contains("https://127.0.0.1:" + running.sep().port() + "/dcap"), out);
            // the admin API answers with the printed token, and refuses without it
            String admin = server.adminBaseUri().orElseThrow();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(admin + "/programs"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            HttpResponse<String> denied = http.send(HttpRequest.newBuilder(URI.create(admin + "/programs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, denied.statusCode());
            // OpenADR 3.1 (issue #20): the printed BL token reads programs over TLS; tokens and clients saved
            String base = server.oadr3().orElseThrow().baseUri();
            assertTrue(out.contains(base), out);
            java.util.Properties tokens = new java.util.Properties();
            tokens.load(new java.io.StringReader(Files.readString(data.resolve("oadr3-dev-tokens.properties"))));
            assertTrue(out.contains(tokens.getProperty("bl")) && out.contains(tokens.getProperty("ven")), out);
            assertTrue(Files.readString(data.resolve("oadr3-dev-clients.properties")).contains("dev-ven="));
            // the printed curl line, run as printed: --cacert only (no client certificate: the 3.1 listener asks for
            // none without mutualTls, docs/openadr-3.md), the BL token, the URL
            java.util.regex.Matcher curl = java.util.regex.Pattern.compile(
                    "curl --cacert (\\S+) -H \"Authorization: Bearer \\$BL_TOKEN\" (\\S+)").matcher(out);
            assertTrue(curl.find(), out);
            // ... after the line that sets BL_TOKEN from the tokens file (a new user copies both)
            assertTrue(out.contains("BL_TOKEN=$(sed -n 's/^bl=//p' " + data.resolve("oadr3-dev-tokens.properties") + ")"),
                    out);
            java.security.KeyStore anchors = java.security.KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            try (java.io.InputStream in = Files.newInputStream(Path.of(curl.group(1)))) {
                anchors.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(in));
            }
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpResponse<String> programs = HttpClient.newBuilder().sslContext(ssl).build().send(HttpRequest
                    .newBuilder(URI.create(curl.group(2))).header("Authorization", "Bearer "
                            + tokens.getProperty("bl")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, programs.statusCode(), programs.body());
        }
        StringWriter second = new StringWriter();
        try (DevCommand.Running running = start(second)) {
            assertTrue(!second.toString().contains("first start"), second.toString());
            assertTrue(second.toString().contains(token), "the token is reused");
        }
    }

    /**
     * Issue #20: {@code --mqtt URL} gives the 3.1 listener an MQTT notifier (Definition "Notifications via Additional
     * Protocols"): {@code GET /notifiers} offers the broker; a URL that is not tcp:// or ssl:// is refused.
     */
    @Test
    void mqttOptionOffersTheBrokerInNotifiers() throws Exception {
        StringWriter sw = new StringWriter();
        try (DevCommand.Running running = start(sw, "--mqtt", "tcp://127.0.0.1:1")) {
            assertTrue(sw.toString().contains("notifications published to tcp://127.0.0.1:1"), sw.toString());
            java.util.Properties tokens = new java.util.Properties();
            tokens.load(new java.io.StringReader(Files.readString(data.resolve("oadr3-dev-tokens.properties"))));
            var ca = org.openvtn.certs.pki.PemFiles.readCertificates(data.resolve("pki/ca.crt"));
            java.security.KeyStore anchors = java.security.KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry("ca", ca.get(0));
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
            tmf.init(anchors);
            javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpResponse<String> n = HttpClient.newBuilder().sslContext(ssl).build().send(HttpRequest.newBuilder(
                    URI.create(running.vtn().oadr3().orElseThrow().baseUri() + "/notifiers")).header("Authorization",
                    "Bearer " + tokens.getProperty("ven")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, n.statusCode(), n.body());
            assertTrue(n.body().contains("\"URIS\":[\"tcp://127.0.0.1:1\"]"), n.body());
        }
        assertThrows(picocli.CommandLine.ParameterException.class, () -> start(new StringWriter(), "--mqtt",
                "ws://127.0.0.1:1"));
    }
}
