package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue #16 end to end through the CLI: {@code openvtn conformance run --suite sep-client --config T} (the harness on
 * port 0, its DeviceCapability URL written to {@code harnessUrlFile}) against {@code openvtn device --control-port 0
 * --control-token-file F} (the device automation interface), both from this class path, over real mutual TLS with
 * CCM_8 and a PKI from {@code openvtn pki init}. The suite's {@code admin.url} is a loopback relay that forwards to
 * the device's interface once the device has printed where it listens (both sides bind port 0).
 */
class SepClientCommandTest {

    @TempDir
    Path dir;

    @Test
    void listShowsTheDeviceSuite() {
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, "conformance", "list", "--suite", "sep-client"), out.toString());
        assertTrue(out.toString().contains("CORE-009") && out.toString().contains("ALL-03-REJ"), out.toString());
    }

    @Test
    void conformanceRunCertifiesOpenvtnDevice() throws Exception {
        Path pki = dir.resolve("pki");
        StringWriter pkiOut = new StringWriter();
        assertEquals(0, run(pkiOut, "pki", "init", "--dir", pki.toString(), "--ven", "1", "--ven-rsa", "0",
                "--devices", "1"), pkiOut.toString());
        Files.writeString(dir.resolve("token"), "device-control-token-0123456789\n");
        CompletableFuture<String> control = new CompletableFuture<>();
        HttpServer relay = relay(control);
        Path urlFile = dir.resolve("harness-url");
        Path target = dir.resolve("device.yaml");
        Files.writeString(target, String.join("\n",
                "baseUrl: https://127.0.0.1:0/sut/cap",
                "certificate: pki/vtn/sep-server-chain.crt",
                "key: pki/vtn/sep-server.key",
                "ca: pki/serca.crt",
                "capabilities: [pin]",
                "admin: {url: http://127.0.0.1:" + relay.getAddress().getPort() + ", tokenFile: token}",
                "patience: 5s",
                "properties: {deviceDriver: automation, pin: \"111115\", nmi: \"4102345678\", pollRate: \"2\", harnessUrlFile: \""
                        + urlFile.toString().replace("\\", "/") + "\"}", ""));
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> suite = CompletableFuture.supplyAsync(() -> run(out, "conformance", "run",
                "--suite", "sep-client", "--config", target.toString(), "--include", "CORE-009", "--include",
                "BASIC-004", "--include", "GEN-09", "--include", "ALL-30", "--include", "ALL-03", "--include", "MUL-01", "--include", "MUL-02", "--include", "MUL-03",
                "--non-interactive", "--report", dir.resolve("report").toString()));
        try {
            String dcap = awaitFile(urlFile);
            Pattern listening = Pattern.compile("automation interface on (http://127\\.0\\.0\\.1:\\d+)");
            StringWriter deviceOut = new StringWriter() {
                @Override
                public void flush() {
                    Matcher m = listening.matcher(toString());
                    if (m.find()) {
                        control.complete(m.group(1));
                    }
                }
            };
            Thread device = new Thread(() -> run(deviceOut, "device", "--server", dcap,
                    "--cert", pki.resolve("devices/device-0001-chain.crt").toString(),
                    "--key", pki.resolve("devices/device-0001.key").toString(),
                    "--ca", pki.resolve("serca.crt").toString(), "--pin", "111115", "--nmi", "4102345678",
                    "--state", dir.resolve("state").toString(), "--control-port", "0",
                    "--control-token-file", dir.resolve("token").toString(), "--duration", "PT120S",
                    "--ders", "2", "--telemetry", "PT2S"), // MUL-01..03: two DERs, each DER's power and the sum
                    "openvtn-device-under-test");
            device.setDaemon(true);
            device.start();
            int exit = suite.get(180, TimeUnit.SECONDS);
            assertEquals(0, exit, out + "\n--- device:\n" + deviceOut);
            // ALL-30: POST /restart of `openvtn device` restores the active control from its --state
            for (String id : new String[] {"CORE-009", "BASIC-004", "GEN-09", "ALL-30", "ALL-03", "MUL-01", "MUL-02",
                "MUL-03"}) {
                assertTrue(Pattern.compile("(?m)^PASS\\s+" + id + "\\s").matcher(out.toString()).find(), out.toString());
            }
            assertTrue(Files.isRegularFile(dir.resolve("report/index.json")));
            assertTrue(Files.isRegularFile(dir.resolve("report/junit.xml")));
            assertTrue(Files.isRegularFile(dir.resolve("report/report.html")));
        } finally {
            relay.stop(0);
        }
    }

    /** Waits (file-system events, no sleeping) until the harness has written its URL. */
    private static String awaitFile(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (WatchService w = FileSystems.getDefault().newWatchService()) {
            file.getParent().register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (!Files.isRegularFile(file)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the harness never wrote " + file);
                }
                var key = w.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
        return Files.readString(file).strip();
    }

    /** Forwards the suite's automation requests to the device's interface once it is known. */
    private static HttpServer relay(CompletableFuture<String> control) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", x -> {
            int status;
            byte[] out;
            try {
                byte[] body = x.getRequestBody().readAllBytes();
                String base = control.get(60, TimeUnit.SECONDS);
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + x.getRequestURI()))
                        .method(x.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                String auth = x.getRequestHeaders().getFirst("Authorization");
                if (auth != null) {
                    b.header("Authorization", auth);
                }
                HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                status = r.statusCode();
                out = r.body();
            } catch (Exception e) {
                status = 502;
                out = ("{\"error\":\"relay: " + e.getClass().getSimpleName() + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            x.getResponseBody().write(out);
            x.close();
        });
        s.start();
        return s;
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cl = OpenVtn.commandLine();
        PrintWriter w = new PrintWriter(out, true);
        cl.setOut(w);
        cl.setErr(w);
        return cl.execute(args);
    }
}
