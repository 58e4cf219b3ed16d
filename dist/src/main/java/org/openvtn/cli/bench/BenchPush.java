package org.openvtn.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.Credential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openvtn bench push} (issue #14): N OpenADR 2.0b push VENs, each with its own certificate and mutual-TLS
 * listener in this process, registered with oadrHttpPullModel=false against a running VTN; one event for all of
 * them is created through the admin API and the command reports the time until the VTN had recorded every
 * reachable VEN's oadrCreatedEvent (admin {@code GET /events/{id}/responses}, {@code receivedAt}), and p50/p99 of
 * the per-VEN delay (event created -> answer recorded). {@code --unreachable PCT} makes that share of the VENs
 * unreachable, half refusing the connection and half a black hole that accepts TCP and never answers TLS.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"N push VENs (own certificate and mutual-TLS listener each) against a running VTN; one event for all",
                "is created through the admin API; reports the time until the VTN recorded every reachable VEN's",
                "oadrCreatedEvent and p50/p99 per delivery; --unreachable PCT: that share refuses or black-holes.",
                "The VTN must allow loopback push addresses (`openvtn dev` does)."})
final class BenchPush extends BenchCall {
    @Option(names = "--vtn", required = true, paramLabel = "URL", description = "OpenADR 2.0b base URL of the VTN (loopback only).")
    URI vtn;

    @Option(names = "--pki", required = true, paramLabel = "DIR",
            description = "PKI made by `openvtn pki init` or `openvtn dev` (its CA issues the VEN identities).")
    Path pki;

    @Option(names = "--admin", required = true, paramLabel = "URL", description = "Admin API base, e.g. http://127.0.0.1:8081/api/v1.")
    URI admin;

    @Option(names = "--admin-token", paramLabel = "FILE", description = "Admin bearer token file (default: PKI/../admin-token).")
    Path adminToken;

    @Option(names = "--vens", defaultValue = "100", paramLabel = "N", description = "Push VENs (default: ${DEFAULT-VALUE}, max 15000).")
    int vens;

    @Option(names = "--unreachable", defaultValue = "0", paramLabel = "PCT",
            description = "Share of the VENs that cannot be reached, 0..50: half refuse the connection, half are black holes (default: ${DEFAULT-VALUE}).")
    int unreachable;

    @Option(names = "--listen-host", defaultValue = "127.0.0.1", paramLabel = "HOST", description = "Address of the VENs' listeners (loopback; default: ${DEFAULT-VALUE}).")
    String listenHost;

    @Option(names = "--bench-dir", paramLabel = "DIR", description = "Cache of the VEN identities (default: PKI/../bench).")
    Path benchDir;

    @Option(names = "--io-threads", defaultValue = "2", paramLabel = "N", description = "Netty I/O threads of the VEN fleet (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--timeout", defaultValue = "PT5M", paramLabel = "T", description = "Give up waiting for the answers after (default: ${DEFAULT-VALUE}, max PT30M).")
    Duration timeout;

    @Option(names = "--keep", description = "Keep the VEN registrations at the end (default: cancel them).")
    boolean keep;

    /** Bound of one process: a listener per VEN plus the VTN's connections must fit 20,000 open files. */
    static final int MAX_VENS = 15_000;

    @Override
    Integer run() throws Exception {
        BenchSupport.requireLoopback(vtn, "--vtn");
        BenchSupport.requireCount("--vens", vens, MAX_VENS);
        BenchSupport.requireBounded("--timeout", timeout);
        if (unreachable < 0 || unreachable > 50) {
            throw new IllegalArgumentException("--unreachable must be 0..50 (percent), was " + unreachable);
        }
        if (!java.net.InetAddress.getByName(listenHost).isLoopbackAddress()) {
            throw new IllegalArgumentException("--listen-host must be a loopback address, was " + listenHost);
        }
        PrintWriter out = spec.commandLine().getOut();
        BenchSupport.Admin api = BenchSupport.Admin.of(admin, adminToken, pki);
        Path dir = benchDir != null ? benchDir : pki.toAbsolutePath().getParent().resolve("bench");
        long t0 = System.nanoTime();
        CertificateAuthority ca = BenchSupport.oadrIssuer(pki);
        List<Credential> ids = BenchPushIdentities.load(ca, dir, vens);
        BenchPushFleet.Kind[] kinds = kinds(vens, unreachable);
        long t1 = System.nanoTime();
        try (BenchPushFleet fleet = new BenchPushFleet(vtn, BenchSupport.caFile(pki), ids, kinds, ioThreads)) {
            fleet.listen(listenHost);
            long t2 = System.nanoTime();
            fleet.registerAll(32, Duration.ofMinutes(20));
            long t3 = System.nanoTime();
            int reachable = 0;
            for (BenchPushFleet.Kind k : kinds) {
                reachable += k == BenchPushFleet.Kind.REACHABLE ? 1 : 0;
            }
            out.printf(Locale.ROOT, "setup: %d VEN identities in %.1f s (cached under %s), %d listeners in %.1f s, "
                            + "registered as push VENs in %.1f s; %d reachable, %d refusing, %d black holes%n",
                    vens, (t1 - t0) / 1e9, dir, vens - count(kinds, BenchPushFleet.Kind.REFUSED), (t2 - t1) / 1e9,
                    (t3 - t2) / 1e9, reachable, count(kinds, BenchPushFleet.Kind.REFUSED),
                    count(kinds, BenchPushFleet.Kind.BLACK_HOLE));
            out.flush();
            long deadline = System.nanoTime() + timeout.toNanos();
            long settled = settle(fleet, deadline);
            out.printf(Locale.ROOT, "registration pushes (METADATA, event list) answered by every reachable VEN "
                    + "%.1f s after the last registration%n", (settled - t3) / 1e9);
            String program = api.createProgram("bench-push-" + ProcessHandle.current().pid());
            String summary;
            Instant decided;
            String event;
            Map<String, Instant> acks;
            try (BenchSupport.ServerSampler sampler = new BenchSupport.ServerSampler(api)) {
                decided = Instant.now();
                event = api.createEvent("{\"programId\":\"" + program + "\",\"start\":\"2030-01-01T14:00:00Z\","
                        + "\"signals\":[{\"name\":\"SIMPLE\",\"type\":\"level\",\"intervals\":[{\"duration\":\"PT1H\",\"value\":1}]}],"
                        + "\"targets\":{\"all\":true},\"responseRequired\":\"always\"}");
                fleet.watch(event);
                acks = awaitAcks(api, event, fleet, reachable, deadline);
                summary = sampler.summary();
            }
            report(out, fleet, decided, event, acks, reachable);
            out.println(summary);
            out.println(BenchSupport.selfUsage());
            if (!keep) {
                out.println("cleanup: cancelled " + fleet.cancelAll(32, Duration.ofMinutes(10))
                        + " registrations (--keep keeps them)");
            }
            out.flush();
            return acks.size() == reachable && fleet.undecodable() == 0 ? 0 : 1;
        }
    }

    /** Spreads the unreachable VENs evenly: every k-th VEN, alternating refused and black hole. */
    static BenchPushFleet.Kind[] kinds(int n, int pct) {
        BenchPushFleet.Kind[] k = new BenchPushFleet.Kind[n];
        int bad = (int) Math.round(n * pct / 100.0);
        java.util.Arrays.fill(k, BenchPushFleet.Kind.REACHABLE);
        for (int j = 0; j < bad; j++) {
            int i = (int) ((long) j * n / bad);
            k[i] = j % 2 == 0 ? BenchPushFleet.Kind.REFUSED : BenchPushFleet.Kind.BLACK_HOLE;
        }
        return k;
    }

    private static int count(BenchPushFleet.Kind[] kinds, BenchPushFleet.Kind kind) {
        int c = 0;
        for (BenchPushFleet.Kind k : kinds) {
            c += k == kind ? 1 : 0;
        }
        return c;
    }

    /** Waits until every reachable VEN had a push and no push arrived for two seconds; returns when. */
    private static long settle(BenchPushFleet fleet, long deadline) throws InterruptedException {
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long total = 0;
            boolean all = true;
            for (int i = 0; i < fleet.size(); i++) {
                if (fleet.kind(i) == BenchPushFleet.Kind.REACHABLE) {
                    int p = fleet.pushes(i);
                    total += p;
                    all &= p > 0;
                }
            }
            if (total != last) {
                last = total;
                quietSince = System.nanoTime();
            } else if (all && System.nanoTime() - quietSince > 2_000_000_000L) {
                return quietSince;
            }
            Thread.sleep(200); // sampling counters, bounded by the deadline
        }
        throw new IllegalStateException("the registration pushes did not settle within --timeout");
    }

    /** Polls the VTN's recorded responses to the event until every reachable VEN's is there (or the deadline). */
    private static Map<String, Instant> awaitAcks(BenchSupport.Admin api, String event, BenchPushFleet fleet,
                                                  int reachable, long deadline) throws Exception {
        Map<String, Integer> wanted = new HashMap<>();
        for (int i = 0; i < fleet.size(); i++) {
            if (fleet.kind(i) == BenchPushFleet.Kind.REACHABLE) {
                wanted.put(fleet.venId(i), i);
            }
        }
        Map<String, Instant> acks = new HashMap<>();
        while (true) {
            JsonNode list = api.get("/events/" + event + "/responses");
            for (JsonNode r : list) {
                String ven = r.path("venId").asText();
                if (wanted.containsKey(ven) && "optIn".equals(r.path("optType").asText())) {
                    acks.putIfAbsent(ven, Instant.parse(r.path("receivedAt").asText()));
                }
            }
            if (acks.size() >= reachable || System.nanoTime() > deadline) {
                return acks;
            }
            Thread.sleep(1000); // the admin list is the VTN's record; polled once a second, bounded by --timeout
        }
    }

    private static void report(PrintWriter out, BenchPushFleet fleet, Instant decided, String event,
                               Map<String, Instant> acks, int reachable) {
        BenchSupport.Latencies delays = new BenchSupport.Latencies(Math.max(1, acks.size()));
        long last = 0;
        for (Instant at : acks.values()) {
            long d = Math.max(0, Duration.between(decided, at).toNanos());
            delays.record(d);
            last = Math.max(last, d);
        }
        out.printf(Locale.ROOT, "bench push: event %s for all %d VENs created through the admin API; the VTN recorded "
                + "the oadrCreatedEvent of %d of %d reachable VENs%n", event, fleet.size(), acks.size(), reachable);
        out.printf(Locale.ROOT, "time until every reachable VEN had acknowledged: %s%n", acks.size() == reachable
                ? String.format(Locale.ROOT, "%.2f s", last / 1e9) : "not reached within --timeout");
        out.printf(Locale.ROOT, "time until 90%% of all %d VENs had acknowledged: %s%n", fleet.size(),
                acks.size() >= Math.ceil(fleet.size() * 0.9)
                        ? String.format(Locale.ROOT, "%.2f s", nth(acks, decided, (int) Math.ceil(fleet.size() * 0.9)) / 1e9)
                        : "-");
        out.println("per-delivery delay (created -> answer recorded) " + delays.summary());
        if (fleet.undecodable() > 0) {
            out.println("pushes the VENs could not decode or answer: " + fleet.undecodable() + " (first: "
                    + fleet.firstProblem() + ")");
        }
    }

    /** The k-th smallest delay in nanoseconds. */
    private static long nth(Map<String, Instant> acks, Instant decided, int k) {
        long[] d = acks.values().stream().mapToLong(a -> Math.max(0, Duration.between(decided, a).toNanos()))
                .sorted().toArray();
        return d[Math.min(d.length, k) - 1];
    }
}
