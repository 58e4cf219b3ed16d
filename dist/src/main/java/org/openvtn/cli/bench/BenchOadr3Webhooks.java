package org.openvtn.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openvtn bench oadr3-webhooks} (issue #20, benchmark): N OpenADR 3.1 VEN clients, each created as a lab
 * would — a 3.1 client of role VEN through the admin API ({@code POST /oadr3/clients}), a token by client credentials,
 * its VEN ({@code VEN_VEN_REQUEST}) and a webhook subscription to EVENT CREATE whose callback is a path of the bench's
 * own HTTPS listener (which answers the echo challenge, Definition "Webhooks"). Then one event with no targets (for
 * every VEN) is created by the BL client; reported: the time until every VEN was notified, p50/p90/p99/max per
 * delivery (from just before the BL's POST to receipt), deliveries missing and duplicated, the server's CPU per
 * notification and heap. Loopback only; bounded in count and time.
 */
@Command(name = "oadr3-webhooks", mixinStandardHelpOptions = true,
        description = {"OpenADR 3.1: N VEN clients with a webhook subscription each (one bench HTTPS listener, one path per VEN);",
                "one event for all; reports time until all notified, p50/p90/p99/max per delivery, missing/duplicated",
                "deliveries, server CPU per notification and heap. Against `openvtn dev` (its 3.1 listener and admin API)."})
final class BenchOadr3Webhooks extends BenchCall {
    static final int MAX_VENS = 20_000;

    @Option(names = "--vtn", required = true, paramLabel = "URL", description = "OpenADR 3.1 base URL, e.g. https://127.0.0.1:8445/openadr3/3.1.0 (loopback only).")
    URI vtn;

    @Option(names = "--pki", required = true, paramLabel = "DIR", description = "PKI of `openvtn dev` (ca.crt to trust the VTN; its OpenADR CA issues the webhook listener's certificate).")
    Path pki;

    @Option(names = "--bl-token-file", required = true, paramLabel = "FILE", description = "BL token: a file holding it, or a properties file with bl=... (`openvtn dev`'s oadr3-dev-tokens.properties).")
    Path blTokenFile;

    @Option(names = "--admin", required = true, paramLabel = "URL", description = "Admin API base, e.g. http://127.0.0.1:8081/api/v1 (creates the VEN clients; server CPU/heap).")
    URI admin;

    @Option(names = "--admin-token", paramLabel = "FILE", description = "Admin bearer token file (default: PKI/../admin-token).")
    Path adminToken;

    @Option(names = "--vens", defaultValue = "100", paramLabel = "N", description = "VEN clients (default: ${DEFAULT-VALUE}, max " + MAX_VENS + ").")
    int vens;

    @Option(names = "--workers", defaultValue = "8", paramLabel = "W", description = "Concurrent set-up calls (default: ${DEFAULT-VALUE}, max 64).")
    int workers;

    @Option(names = "--timeout", defaultValue = "PT5M", paramLabel = "T", description = "Wait at most this long for the deliveries (default: ${DEFAULT-VALUE}, max PT30M).")
    Duration timeout;

    @Option(names = "--server-pid", split = ",", paramLabel = "PID", description = "Read the server's CPU from /proc/PID/stat instead of the admin /metrics.")
    List<Long> serverPids;

    @Option(names = "--keep", description = "Keep the clients, VENs and subscriptions at the end (default: delete them).")
    boolean keep;

    /** One simulated VEN client. */
    private record Ven(String clientId, String token, String venId, String subscriptionId) {
    }

    @Override
    Integer run() throws Exception {
        BenchSupport.requireCount("--vens", vens, MAX_VENS);
        BenchSupport.requireCount("--workers", workers, 64);
        BenchSupport.requireBounded("--timeout", timeout);
        Oadr3BenchApi api = new Oadr3BenchApi(vtn, BenchSupport.caFile(pki));
        String bl = Oadr3BenchApi.readToken(blTokenFile, "bl", "--bl-token-file");
        BenchSupport.Admin adm = BenchSupport.Admin.of(admin, adminToken, pki);
        ServerCpu cpu = ServerCpu.of(serverPids == null || serverPids.isEmpty() ? adm : null, serverPids);
        PrintWriter out = spec.commandLine().getOut();
        String run = "bench-wh-" + ProcessHandle.current().pid() + "-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String callbackToken = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try (Oadr3WebhookSink sink = new Oadr3WebhookSink(BenchSupport.oadrIssuer(pki), vens, callbackToken, 2)) {
            String program = api.post(bl, "/programs", Map.of("programName", run)).path("id").asText();
            long t0 = System.nanoTime();
            List<Ven> fleet = setUp(api, adm, pool, sink, run, callbackToken);
            long t1 = System.nanoTime();
            out.printf(Locale.ROOT, "setup: %d VEN clients (admin client + token + VEN + subscription with echo "
                    + "challenge each) in %.1f s (%.0f/s, %d workers); %d echo challenges answered%n", vens,
                    (t1 - t0) / 1e9, vens / ((t1 - t0) / 1e9), workers, sink.echoes());
            out.flush();
            sink.expect("\"programID\":\"" + program + "\"");
            long connectionsBefore = sink.connections();
            long[] selfCpu = BenchSupport.cpuMark();
            String serverSummary;
            long created;
            String eventId;
            long deadline;
            try (BenchSupport.ServerSampler sampler = new BenchSupport.ServerSampler(adm)) {
                if (cpu != null) {
                    cpu.start();
                }
                created = System.nanoTime();
                eventId = api.post(bl, "/events", event(program, run)).path("id").asText();
                long answered = System.nanoTime();
                out.printf(Locale.ROOT, "event %s created by the BL client (POST /events answered in %.1f ms)%n",
                        eventId, (answered - created) / 1e6);
                deadline = created + timeout.toNanos();
                while (sink.received() < vens && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(20); // polling the sink's counter, bounded by --timeout
                }
                if (cpu != null) {
                    cpu.end();
                }
                serverSummary = sampler.summary();
            }
            report(out, sink, created, cpu, serverSummary, selfCpu);
            out.printf(Locale.ROOT, "webhook TLS connections opened by the VTN during the fan-out: %d (for %d "
                    + "deliveries + retries; every VEN is the same listener here, so the VTN could reuse them)%n",
                    sink.connections() - connectionsBefore, sink.received() + sink.duplicates());
            if (!keep) {
                cleanUp(out, api, adm, pool, bl, fleet, eventId);
            }
            out.flush();
            return sink.received() == vens && sink.duplicates() == 0 && sink.rejected() == 0 ? 0 : 1;
        } finally {
            pool.shutdownNow();
        }
    }

    private void report(PrintWriter out, Oadr3WebhookSink sink, long created, ServerCpu cpu, String serverSummary,
                        long[] selfCpu) {
        BenchSupport.Latencies delays = new BenchSupport.Latencies(vens);
        for (int i = 0; i < vens; i++) {
            long t = sink.receivedAt(i);
            if (t != 0) {
                delays.record(Math.max(0, t - created));
            }
        }
        long got = sink.received();
        out.printf(Locale.ROOT, "notified %d of %d VENs; time until all notified: %s; missing %d, duplicated %d, "
                        + "rejected (wrong bearer token) %d%n", got, vens,
                got == vens ? String.format(Locale.ROOT, "%.2f s", delays.percentileMillis(1.0) / 1000)
                        : "not reached within " + timeout, vens - got, sink.duplicates(), sink.rejected());
        out.println("per delivery (event creation to receipt) " + delays.summary());
        out.println(cpu == null ? "server CPU per notification: not measured"
                : cpu.per(got, "notification", "notifications received, from the event's POST to the last delivery"));
        out.println(serverSummary);
        out.println(BenchSupport.selfUsage(selfCpu, "from the event's POST to the last delivery"));
    }

    /** Creates the VEN clients in parallel; the first failure stops the command. */
    private List<Ven> setUp(Oadr3BenchApi api, BenchSupport.Admin adm, ExecutorService pool, Oadr3WebhookSink sink,
                            String run, String callbackToken) throws Exception {
        List<Future<Ven>> futures = new ArrayList<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        for (int i = 0; i < vens; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                if (failed.get() != null) {
                    return null;
                }
                try {
                    return one(api, adm, sink, run, n, callbackToken);
                } catch (Exception e) {
                    failed.compareAndSet(null, e);
                    throw e;
                }
            }));
        }
        List<Ven> fleet = new ArrayList<>();
        for (Future<Ven> f : futures) {
            try {
                fleet.add(f.get(30, TimeUnit.MINUTES));
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("set-up failed: " + failed.get().getMessage(), failed.get());
            }
        }
        return fleet;
    }

    private static Ven one(Oadr3BenchApi api, BenchSupport.Admin adm, Oadr3WebhookSink sink, String run, int i,
                           String callbackToken) throws Exception {
        String clientId = String.format(Locale.ROOT, "%s-%06d", run, i);
        String secret = adm.call("POST", "/oadr3/clients", Map.of("clientId", clientId, "role", "VEN"))
                .path("clientSecret").asText();
        String token = api.token(clientId, secret);
        String venId = api.post(token, "/vens", Map.of("objectType", "VEN_VEN_REQUEST", "venName", clientId))
                .path("id").asText();
        ObjectNode sub = Oadr3BenchApi.JSON.createObjectNode().put("clientName", clientId);
        sub.putArray("objectOperations").addObject()
                .put("callbackUrl", sink.callbackUrl(i)).put("bearerToken", callbackToken)
                .<ObjectNode>set("objects", Oadr3BenchApi.JSON.createArrayNode().add("EVENT"))
                .set("operations", Oadr3BenchApi.JSON.createArrayNode().add("CREATE"));
        String subId = api.post(token, "/subscriptions", sub).path("id").asText();
        return new Ven(clientId, token, venId, subId);
    }

    /** A one-hour SIMPLE event without targets (every VEN), 2030-01-01. */
    private static JsonNode event(String program, String run) {
        ObjectNode e = Oadr3BenchApi.JSON.createObjectNode().put("programID", program).put("eventName", run);
        e.putObject("intervalPeriod").put("start", "2030-01-01T00:00:00Z").put("duration", "PT1H");
        e.putArray("intervals").addObject().put("id", 0).putArray("payloads").addObject().put("type", "SIMPLE")
                .putArray("values").add(1);
        return e;
    }

    private void cleanUp(PrintWriter out, Oadr3BenchApi api, BenchSupport.Admin adm, ExecutorService pool, String bl,
                         List<Ven> fleet, String eventId) throws Exception {
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (Ven v : fleet) {
            futures.add(pool.submit(() -> {
                api.delete(v.token(), "/subscriptions/" + v.subscriptionId());
                api.delete(v.token(), "/vens/" + v.venId());
                adm.call("DELETE", "/oadr3/clients/" + v.clientId(), null);
                return null;
            }));
        }
        int failures = 0;
        for (Future<?> f : futures) {
            try {
                f.get(30, TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException e) {
                failures++;
            }
        }
        api.delete(bl, "/events/" + eventId);
        out.printf(Locale.ROOT, "cleanup: deleted %d subscriptions, VENs and clients and the event in %.1f s (%d "
                + "failures; --keep keeps them; the program stays: a program with an event, even a cancelled one, "
                + "is not deleted)%n", fleet.size() - failures, (System.nanoTime() - t0) / 1e9, failures);
    }
}
