package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.pki.SecretFiles;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.store.Database;
import org.openvtn.store.DatabaseConfig;
import org.openvtn.store.PostgresServer;
import org.openvtn.testing.NodeKillSupport;

/**
 * Issue #19, two VTN nodes on one PostgreSQL database, each in a JVM of its own ({@link PushNodeServer}): push VENs
 * (OpenADR 2.0b push exchange model, profile 8.1 / 9.1.2: the VTN POSTs to the VEN's oadrTransportAddress) register
 * alternately through either node, and events are created on either node. While both live, each pending push is
 * delivered by exactly one node (no VEN receives one outbox entry twice). Then every VEN holds an event push without
 * answering, and one node is killed with SIGKILL mid-delivery: the survivor delivers every pending push (the dead
 * node's leases lapse and it takes them over), each push that was not answered is sent once more and no answered one
 * again, and every VEN answer (oadrCreatedEvent) recorded before the kill is still there.
 */
class PushNodesKillIT {
    private static final int VENS = 6;
    private static final String TOKEN = "push-nodes-kill-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Node(Process process, int oadrPort, String admin) {
    }

    @Test
    void survivorDeliversEveryPendingPushOnceAfterSigkill() throws Exception {
        DatabaseConfig db = PostgresServer.require().database("pushkill");
        Path dir = NodeKillSupport.freshDir(Path.of("target", "push-kill").toAbsolutePath());
        TestPki pki = TestPki.create(dir.resolve("pki"));
        Path token = dir.resolve("admin-token");
        SecretFiles.write(token, TOKEN.getBytes(StandardCharsets.UTF_8));
        Process pa = launch(dir, pki.dir(), db, token, "a");
        Process pb = launch(dir, pki.dir(), db, token, "b");
        List<PushVen> vens = new ArrayList<>();
        try (Database check = Database.open(db)) {
            Node a = ready(pa, dir, "a");
            Node b = ready(pb, dir, "b");
            List<Node> nodes = List.of(a, b);
            for (int i = 0; i < VENS; i++) {
                PushVen ven = new PushVen(pki, credential(pki, i), OadrHarness.codec(), PushVen.Serves.SPEC);
                vens.add(ven);
                register(pki, nodes.get(i % 2), ven); // VENs alternate between the nodes
                ven.await(OadrRegisterReportType.class);
                ven.await(OadrDistributeEventType.class);
            }
            String program = admin(a.admin(), "POST", "/programs",
                    "{\"name\":\"kill\",\"marketContext\":\"http://kill.example\"}").get("id").asText();
            // both nodes alive: events created on either node reach every VEN, each outbox entry sent once
            String e1 = event(a, program, 1);
            String e2 = event(b, program, 2);
            await(() -> eventsSeen(vens, Set.of(e1, e2)) && drained(check), () -> "E1 and E2 pushed to every VEN; "
                    + state(check, vens, Set.of(e1, e2)));
            await(() -> responders(b, e1) == VENS && responders(b, e2) == VENS, () -> "every VEN's answers recorded");
            for (PushVen ven : vens) {
                assertEquals(List.of(), repeated(ven), "an entry delivered twice by the two nodes");
            }

            // every VEN holds its next push unanswered; node A is killed while those pushes are in flight
            vens.forEach(v -> v.script(PushVen.Answer.HANG));
            String e3 = event(a, program, 3);
            Map<PushVen, String> hung = new HashMap<>();
            for (PushVen ven : vens) {
                hung.put(ven, bodyWith(ven, e3));
            }
            pa.destroyForcibly(); // SIGKILL
            assertTrue(pa.waitFor(20, TimeUnit.SECONDS), "node A killed");

            await(() -> vens.stream().allMatch(v -> count(v, hung.get(v)) == 2) && drained(check),
                    () -> "the survivor sends every unanswered push again; " + state(check, vens, Set.of(e3)));
            await(() -> responders(b, e3) == VENS, () -> "every VEN's answer to E3 recorded by the survivor");
            assertEquals(VENS, responders(b, e1), "answers acknowledged before the kill are kept");
            assertEquals(VENS, responders(b, e2), "answers acknowledged before the kill are kept");
            for (PushVen ven : vens) {
                List<String> again = repeated(ven);
                assertEquals(List.of(hung.get(ven)), again, "only the unanswered push is sent twice");
                assertEquals(2, count(ven, hung.get(ven)), "the unanswered push is sent exactly once more");
            }
        } finally {
            vens.forEach(PushVen::close);
            pa.destroyForcibly();
            pb.destroyForcibly();
            pa.waitFor(10, TimeUnit.SECONDS);
            pb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Credential credential(TestPki pki, int i) {
        String name = "kill-ven-" + i;
        KeyPair k = new KeyPairs().ecP256();
        return pki.pki().authority("oadr-intermediate").issue(name,
                CertificateProfiles.oadrClient(name, k.getPublic(), Instant.now()).build(), k.getPrivate());
    }

    private static void register(TestPki pki, Node node, PushVen listener) {
        PushChangesPgIT.register(pki, node.oadrPort(), listener);
    }

    private String event(Node node, String program, int n) throws Exception {
        return admin(node.admin(), "POST", "/events", "{\"programId\":\"" + program + "\",\"start\":\""
                + Instant.now().plus(Duration.ofHours(n)) + "\",\"signals\":[{\"name\":\"SIMPLE\",\"type\":\"level\","
                + "\"intervals\":[{\"duration\":\"PT30M\",\"value\":" + n + "}]}],\"targets\":{\"all\":true},"
                + "\"responseRequired\":\"always\"}").get("id").asText();
    }

    /** Whether every VEN received a distribute-event listing each of {@code events} (in one push or several). */
    private static boolean eventsSeen(List<PushVen> vens, Set<String> events) {
        return vens.stream().allMatch(v -> {
            Set<String> seen = new HashSet<>();
            v.received.forEach(r -> {
                if (r.message() instanceof OadrDistributeEventType d) {
                    d.getOadrEvent().forEach(e -> seen.add(e.getEiEvent().getEventDescriptor().getEventID()));
                }
            });
            return seen.containsAll(events);
        });
    }

    /** Waits for the push carrying {@code event} to reach the VEN (held unanswered); returns its body. */
    private static String bodyWith(PushVen ven, String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (PushVen.Received r : ven.received) {
                if (r.message() instanceof OadrDistributeEventType d && d.getOadrEvent().stream()
                        .anyMatch(e -> e.getEiEvent().getEventDescriptor().getEventID().equals(event))) {
                    return new String(r.body(), StandardCharsets.UTF_8);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the push of " + event + " did not reach " + ven.venId);
    }

    private static long count(PushVen ven, String body) {
        return ven.received.stream().filter(r -> new String(r.body(), StandardCharsets.UTF_8).equals(body)).count();
    }

    /** Bodies the VEN received more than once (an outbox entry is rendered once: a repeat is a redelivery). */
    private static List<String> repeated(PushVen ven) {
        return ven.received.stream().map(r -> new String(r.body(), StandardCharsets.UTF_8))
                .collect(Collectors.groupingBy(s -> s, Collectors.counting())).entrySet().stream()
                .filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    /** No push waiting in the shared outbox and no poll item waiting to be moved into it. */
    private static boolean drained(Database db) {
        return db.inTransaction(c -> {
            try (var st = c.createStatement();
                 var rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM push_outbox) + (SELECT COUNT(*) FROM poll_items)")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }

    /** What a failed wait reports: the shared outbox, poll queue and push states, and what each VEN is missing. */
    private static String state(Database db, List<PushVen> vens, Set<String> events) {
        StringBuilder out = new StringBuilder();
        for (PushVen v : vens) {
            if (!eventsSeen(List.of(v), events)) {
                out.append("VEN ").append(v.venId).append(" misses some of ").append(events).append("; ");
            }
        }
        db.inTransaction(c -> {
            for (String sql : List.of("SELECT seq, ven_id, kind, claimed_by, lease_until FROM push_outbox",
                    "SELECT seq, ven_id, kind, sent_at FROM poll_items",
                    "SELECT ven_id, attempts, next_attempt_at, last_error, unreachable FROM push_state")) {
                try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                    int n = rs.getMetaData().getColumnCount();
                    out.append('\n').append(sql).append(':');
                    while (rs.next()) {
                        out.append("\n  ");
                        for (int i = 1; i <= n; i++) {
                            out.append(rs.getString(i)).append(' ');
                        }
                    }
                }
            }
            return null;
        });
        return out.toString();
    }

    private int responders(Node node, String event) {
        try {
            Set<String> vens = new HashSet<>();
            admin(node.admin(), "GET", "/events/" + event + "/responses", null)
                    .forEach(r -> vens.add(r.path("venId").asText()));
            return vens.size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Process launch(Path dir, Path pki, DatabaseConfig db, Path token, String name) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.log.org.openvtn.oadr20b.push=debug",
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-cp", cp, PushNodeServer.class.getName(), pki.toString(), db.url(),
                db.user(), db.password() == null ? "" : db.password(), token.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private static Node ready(Process p, Path dir, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && p.isAlive()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("READY (\\d+) (\\d+)")
                    .matcher(Files.readString(dir.resolve(name + ".log")));
            if (m.find()) {
                return new Node(p, Integer.parseInt(m.group(1)), "http://127.0.0.1:" + m.group(2) + "/api/v1");
            }
            p.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("node " + name + " did not start: " + Files.readString(dir.resolve(name + ".log")));
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

    /** Polls a condition with this test's deadline (30 s; no fixed sleeps). */
    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> what)
            throws InterruptedException {
        NodeKillSupport.await(30, condition, what);
    }
}
