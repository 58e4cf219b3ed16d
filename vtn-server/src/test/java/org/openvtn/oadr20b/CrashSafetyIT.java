package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.pki.SecretFiles;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.schemas.oadr20b.ei.OptTypeType;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.sep.SepDeviceClient;

/**
 * Crash safety (issue #12): a VTN process (OpenADR 2.0b, admin API and IEEE 2030.5 on one Derby database) is killed
 * with SIGKILL while VENs register, opt and answer events and a 2030.5 device posts Responses. After a restart on the
 * same database, every write that was answered 200/201 before the kill is there, read back through the admin API and
 * the protocols, and what is there is whole (no registration without its identifiers, no opt without its type).
 */
class CrashSafetyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "crash-safety-token-0123456789";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Ven(String venId, String optId, boolean answered) {
    }

    @Test
    void sigkillDuringLoadLosesNoAcknowledgedWrite() throws Exception {
        Path dir = clean(Path.of("target", "crash-safety").toAbsolutePath());
        TestPki pki = TestPki.create(dir.resolve("pki"));
        Path data = dir.resolve("data");
        Path tokenFile = dir.resolve("admin-token");
        SecretFiles.write(tokenFile, TOKEN.getBytes(StandardCharsets.UTF_8));
        int[] ports = new int[3];
        Process first = start(dir, data, pki.dir(), ports, tokenFile, "first");
        String admin = "http://127.0.0.1:" + ports[1] + "/api/v1";
        try {
            String program = admin(admin, "POST", "/programs", "{\"name\":\"crash\",\"marketContext\":\"http://crash\"}")
                    .get("id").asText();
            String event = admin(admin, "POST", "/events", "{\"programId\":\"" + program + "\",\"start\":\""
                    + Instant.now().plus(Duration.ofHours(3)) + "\",\"signals\":[{\"name\":\"SIMPLE\",\"type\":\"level\","
                    + "\"intervals\":[{\"duration\":\"PT30M\",\"value\":1}]}],\"targets\":{\"all\":true},"
                    + "\"responseRequired\":\"always\"}").get("id").asText();
            SepDeviceClient device = SepDeviceClient.connect(pki, pki.device(), ports[2]);
            device.register();
            admin(admin, "POST", "/events", "{\"programId\":\"" + program + "\",\"start\":\""
                    + Instant.now().plus(Duration.ofHours(1)) + "\",\"signals\":[{\"name\":\"LOAD_DISPATCH\","
                    + "\"type\":\"setpoint\",\"units\":\"kW\",\"intervals\":[{\"duration\":\"PT30M\",\"value\":2}]}],\"targets\":{\"venIds\":[\""
                    + device.lfdi() + "\"]},\"responseRequired\":\"always\"}");
            DERControl control = device.firstControl(program);
            assertNotNull(control, "the device sees its DERControl");

            ConcurrentLinkedQueue<Ven> vens = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<SepDeviceClient.Acked> responses = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch enough = new CountDownLatch(2);
            AtomicInteger names = new AtomicInteger();
            Thread oadr = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        ScriptedVen ven = newVen(pki, ports[0], "crash-ven-" + names.incrementAndGet());
                        ven.register();
                        Ven v = new Ven(ven.venId, null, false);
                        vens.add(v);
                        String optId = "opt-" + names.get();
                        if ("200".equals(ScriptedVen.code(ven.post("EiOpt", OadrXml.createOpt(ven.venId, optId, null))))) {
                            vens.remove(v);
                            v = new Ven(ven.venId, optId, false);
                            vens.add(v);
                        }
                        Object answer = ven.send("EiEvent", EventIT.created(ven.venId,
                                List.of(EventIT.answer(event, 0, OptTypeType.OPT_IN, "200"))));
                        if (answer instanceof org.openvtn.schemas.oadr20b.OadrResponseType r
                                && "200".equals(r.getEiResponse().getResponseCode())) {
                            vens.remove(v);
                            vens.add(new Ven(v.venId(), v.optId(), true));
                        }
                        if (vens.size() == 15) {
                            enough.countDown();
                        }
                    } catch (RuntimeException | Error killed) {
                        return; // the server died under this request: the write was not acknowledged
                    }
                }
            }, "crash-oadr-load");
            Thread sep = new Thread(() -> {
                long t = Instant.now().getEpochSecond();
                while (!stop.get() && responses.size() < 400) {
                    try {
                        SepDeviceClient.Acked a = device.respond(control, (short) (responses.size() % 2 == 0 ? 1 : 2),
                                t++);
                        if (a != null) {
                            responses.add(a);
                        }
                        if (responses.size() == 40) {
                            enough.countDown();
                        }
                    } catch (Exception killed) {
                        return;
                    }
                }
            }, "crash-sep-load");
            oadr.start();
            sep.start();
            assertTrue(enough.await(120, TimeUnit.SECONDS), "the load did not get going");
            first.destroyForcibly(); // SIGKILL while both load threads are writing
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            stop.set(true);
            oadr.join(60_000);
            sep.join(60_000);
            device.close();

            Process second = start(dir, data, pki.dir(), ports, tokenFile, "second");
            String restarted = "http://127.0.0.1:" + ports[1] + "/api/v1";
            try {
                verify(restarted, event, List.copyOf(vens), List.copyOf(responses), pki, ports[2]);
            } finally {
                second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void verify(String admin, String event, List<Ven> vens, List<SepDeviceClient.Acked> responses, TestPki pki,
                        int sepPort) throws Exception {
        assertTrue(vens.size() >= 15 && responses.size() >= 40, vens.size() + " VENs, " + responses.size() + " responses");
        JsonNode listed = admin(admin, "GET", "/vens", null);
        List<String> ids = new ArrayList<>();
        for (JsonNode v : listed) {
            ids.add(v.get("venId").asText());
            assertTrue(v.hasNonNull("registrationId") && !v.get("registrationId").asText().isEmpty(),
                    "a whole registration: " + v);
        }
        JsonNode answers = admin(admin, "GET", "/events/" + event + "/responses", null);
        List<String> answered = new ArrayList<>();
        answers.forEach(a -> answered.add(a.get("venId").asText()));
        for (Ven v : vens) {
            assertTrue(ids.contains(v.venId()), "acknowledged registration of " + v.venId() + " is lost");
            if (v.optId() != null) {
                JsonNode opts = admin(admin, "GET", "/vens/" + v.venId() + "/opts", null);
                boolean found = false;
                for (JsonNode o : opts) {
                    found |= v.optId().equals(o.get("optId").asText());
                    assertTrue(o.hasNonNull("optType"), "a whole opt: " + o);
                }
                assertTrue(found, "acknowledged opt " + v.optId() + " of " + v.venId() + " is lost: " + opts);
            }
            if (v.answered()) {
                assertTrue(answered.contains(v.venId()), "acknowledged oadrCreatedEvent of " + v.venId() + " is lost");
            }
        }
        try (SepDeviceClient device = SepDeviceClient.connect(pki, pki.device(), sepPort)) {
            for (SepDeviceClient.Acked a : responses) {
                assertEquals(a.status(), device.readBack(a.location()), "acknowledged 2030.5 Response " + a.location());
            }
        }
    }

    private static ScriptedVen newVen(TestPki pki, int port, String name) {
        KeyPair k = new KeyPairs().ecP256();
        Credential c = pki.pki().authority("oadr-intermediate").issue(name,
                CertificateProfiles.oadrClient(name, k.getPublic(), Instant.now()).build(), k.getPrivate());
        return new ScriptedVen("https://127.0.0.1:" + port + "/OpenADR2/Simple/2.0b/",
                TlsFactory.of(pki.oadrClientConfig(c).build()).clientSslContext(), OadrHarness.codec(), c);
    }

    /**
     * Starts the VTN process with every listener on port 0 and fills {@code ports} (OpenADR, admin, 2030.5) with the
     * ports it bound, read from its {@code READY} line: no port is picked here and released for a later bind.
     */
    private Process start(Path dir, Path data, Path pki, int[] ports, Path token, String name) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", cp, CrashSafetyServer.class.getName(), data.toString(), pki.toString(), "0", "0", "0",
                token.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                java.util.regex.Matcher ready = java.util.regex.Pattern.compile("READY (\\d+) (\\d+) (\\d+)")
                        .matcher(Files.readString(dir.resolve(name + ".log")));
                if (ready.find()) {
                    for (int i = 0; i < 3; i++) {
                        ports[i] = Integer.parseInt(ready.group(i + 1));
                    }
                    String admin = "http://127.0.0.1:" + ports[1] + "/api/v1/programs";
                    if (http.send(HttpRequest.newBuilder(URI.create(admin)).header("Authorization", "Bearer " + TOKEN)
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        return p;
                    }
                }
            } catch (IOException notYet) {
                // the listener is not up yet
            }
            p.waitFor(200, TimeUnit.MILLISECONDS);
        }
        p.destroyForcibly();
        throw new AssertionError("the VTN process did not start: " + Files.readString(dir.resolve(name + ".log")));
    }

    private JsonNode admin(String base, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(Set.of(200, 201).contains(r.statusCode()), method + " " + path + " -> " + r.statusCode() + " "
                + r.body());
        return JSON.readTree(r.body());
    }

    private static Path clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
