package org.openvtn.cli.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.openvtn.certs.pki.Credential;
import org.openvtn.ven.transport.HttpReply;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openvtn bench}: reproducible load measurements of a VTN on this machine (issue 8; results in
 * BENCHMARKS.md). Every command is bounded in count and time and refuses non-loopback targets.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Load measurements against a VTN on this machine (loopback only, bounded in count and time).",
                "Start a VTN first, e.g. `openvtn dev --data var/bench`, then e.g.",
                "  openvtn bench poll --vtn https://127.0.0.1:8443/OpenADR2/Simple/2.0b --pki var/bench/pki "
                        + "--admin http://127.0.0.1:8081/api/v1 --vens 1000 --interval PT10S --duration PT60S"},
        subcommands = {BenchPoll.class, BenchCommand.Fanout.class, BenchHandshake.class, BenchSep.class,
                BenchFootprint.class, BenchNotify.class, BenchPush.class, BenchDevices.class,
                BenchOadr3Webhooks.class, BenchOadr3Get.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options shared by the fleet commands. */
    static final class FleetOptions {
        @Option(names = "--vtn", required = true, paramLabel = "URL", split = ",",
                description = "OpenADR 2.0b base URL of the VTN (loopback only); several, comma-separated, for "
                        + "several nodes of one VTN: VEN i uses URL i mod count (round robin).")
        List<URI> vtns;

        @Option(names = "--pki", required = true, paramLabel = "DIR",
                description = "PKI made by `openvtn pki init` or `openvtn dev` (DIR/ca holds the CA keys that issue the VEN identities).")
        Path pki;

        @Option(names = "--vens", defaultValue = "100", paramLabel = "N", description = "Simulated VENs (default: ${DEFAULT-VALUE}, max 100000).")
        int vens;

        @Option(names = "--interval", defaultValue = "PT10S", paramLabel = "D", description = "Poll interval per VEN, ISO-8601 (default: ${DEFAULT-VALUE}).")
        Duration interval;

        @Option(names = "--admin", paramLabel = "URL", description = "Admin API base, e.g. http://127.0.0.1:8081/api/v1 (server CPU/heap; events for fanout).")
        URI admin;

        @Option(names = "--admin-token", paramLabel = "FILE", description = "Admin bearer token file (default: PKI/../admin-token).")
        Path adminToken;

        @Option(names = "--io-threads", defaultValue = "2", paramLabel = "N", description = "Netty I/O threads of the load generator (default: ${DEFAULT-VALUE}).")
        int ioThreads;

        @Option(names = "--register-concurrency", defaultValue = "32", paramLabel = "N",
                description = "Registrations in flight per generator process (default: ${DEFAULT-VALUE}).")
        int registerConcurrency;

        @Option(names = "--keep", description = "Keep the VEN registrations at the end (default: cancel them).")
        boolean keep;

        @Option(names = "--server-pid", split = ",", paramLabel = "PID",
                description = "Read the server's CPU time from /proc/PID/stat of these processes and their children "
                        + "instead of --admin (for a server without the admin API: the nginx baseline, bench/nginx).")
        List<Long> serverPids;

        @Option(names = "--preregister", description = "Register the VENs through the admin API (POST /vens/preregister, "
                + "1,000 per request; needs --admin) instead of an oadrCreatePartyRegistration each; then each VEN's first "
                + "oadrPoll (its full TLS handshake), --register-concurrency at a time, before the load.")
        boolean preregister;

        @Option(names = "--static-server", description = "The server answers every POST with the same bytes (the nginx "
                + "baseline, bench/nginx): no registration, no cancellation; the polls name made-up venIDs.")
        boolean staticServer;

        void validate() {
            for (URI vtn : vtns) {
                BenchSupport.requireLoopback(vtn, "--vtn");
            }
            BenchSupport.requireCount("--vens", vens, BenchSupport.MAX_VENS);
            BenchSupport.requireCount("--register-concurrency", registerConcurrency, 1024);
            if (preregister && (admin == null || staticServer)) {
                throw new IllegalArgumentException("--preregister needs --admin (and a VTN, not --static-server)");
            }
            if (interval.compareTo(Duration.ofMillis(1)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("--interval must be between PT0.001S and PT1H");
            }
        }

        /** The identities of VENs {@code offset .. offset+vens-1}, issued once and cached under {@code PKI/bench}. */
        List<Credential> identities(int offset) throws Exception {
            List<Credential> all = BenchPushIdentities.loadPollVens(BenchSupport.oadrIssuer(pki), pki.resolve("bench"),
                    offset + vens);
            return all.subList(offset, offset + vens);
        }

        /**
         * Loads (or issues and caches) the identities, opens the fleet and registers it; prints the set-up timings.
         *
         * @param offset  first identity (a generator process of {@code bench poll --processes})
         * @param perPoll a connection per request, the TLS session resumed
         */
        BenchFleet open(PrintWriter out, int offset, boolean perPoll) throws Exception {
            long t0 = System.nanoTime();
            List<Credential> ids = identities(offset);
            long t1 = System.nanoTime();
            BenchFleet fleet = new BenchFleet(vtns, BenchSupport.caFile(pki), ids, ioThreads, Duration.ofSeconds(30),
                    perPoll);
            try {
                if (staticServer) {
                    fleet.prepareUnregistered();
                    out.printf(Locale.ROOT, "setup: loaded %d VEN identities in %.1f s; --static-server: not registered%n",
                            vens, (t1 - t0) / 1e9);
                    out.flush();
                    return fleet;
                }
                String how = "TLS handshake + oadrCreatePartyRegistration + first oadrPoll";
                if (preregister) {
                    long tp = System.nanoTime();
                    fleet.preregisterAll(BenchSupport.Admin.of(admin, adminToken, pki));
                    how = String.format(Locale.ROOT, "admin POST /vens/preregister in %.1f s, 1,000 per request, then "
                            + "each VEN's first oadrPoll with its full TLS handshake", (System.nanoTime() - tp) / 1e9);
                    fleet.firstContact(registerConcurrency, Duration.ofMinutes(30));
                } else {
                    fleet.registerAll(registerConcurrency, Duration.ofMinutes(30));
                }
                long t2 = System.nanoTime();
                out.printf(Locale.ROOT, "setup: loaded %d VEN identities in %.1f s (cached under PKI/bench), registered in "
                        + "%.1f s (%.0f/s, %s)%n", vens, (t1 - t0) / 1e9, (t2 - t1) / 1e9, vens / ((t2 - t1) / 1e9), how);
                out.flush();
                return fleet;
            } catch (Exception | Error e) {
                fleet.close();
                throw e;
            }
        }

        void finish(PrintWriter out, BenchFleet fleet) throws Exception {
            if (!keep && !staticServer) {
                int n = fleet.cancelAll(Duration.ofMinutes(5));
                out.println("cleanup: cancelled " + n + " registrations (--keep keeps them)");
            }
        }
    }

    @Command(name = "fanout", mixinStandardHelpOptions = true,
            description = {"N registered VENs poll at --interval; one event for all of them is created through the admin API;",
                    "reports the time until every VEN received it and the server's CPU meanwhile."})
    static final class Fanout extends BenchCall {
        @Mixin
        FleetOptions fleet = new FleetOptions();

        @Option(names = "--timeout", defaultValue = "PT2M", paramLabel = "T", description = "Give up after (default: ${DEFAULT-VALUE}, max PT30M).")
        Duration timeout;

        @Option(names = "--steady", defaultValue = "PT2S", paramLabel = "T",
                description = "Steady polling before the event is created; its poll latency is reported (default: ${DEFAULT-VALUE}).")
        Duration steady;

        @Option(names = "--warmup", defaultValue = "PT0S", paramLabel = "T",
                description = "Polling before the steady window, not measured (default: ${DEFAULT-VALUE}; large fleets reconnect here).")
        Duration warmup;
        @Override
        Integer run() throws Exception {
            fleet.validate();
            BenchSupport.requireBounded("--timeout", timeout);
            BenchSupport.requireBounded("--steady", steady);
            if (warmup.isNegative() || warmup.compareTo(BenchSupport.MAX_DURATION) > 0) {
                throw new IllegalArgumentException("--warmup must be between PT0S and " + BenchSupport.MAX_DURATION);
            }
            if (fleet.admin == null) {
                throw new IllegalArgumentException("--admin is required: the event is created through the admin API");
            }
            PrintWriter out = spec.commandLine().getOut();
            BenchSupport.Admin admin = BenchSupport.Admin.of(fleet.admin, fleet.adminToken, fleet.pki);
            try (BenchFleet f = fleet.open(out, 0, false)) {
                int n = f.size();
                AtomicLongArray receivedAt = new AtomicLongArray(n);
                AtomicLong received = new AtomicLong();
                AtomicLong errors = new AtomicLong();
                String[] eventId = new String[1];
                long[] createdAt = new long[2]; // [0] before the admin call, [1] when it returned
                long steadyFrom = System.nanoTime() + warmup.toNanos() + Math.min(fleet.interval.toNanos(), steady.toNanos() / 2);
                long steadyTo = System.nanoTime() + warmup.toNanos() + steady.toNanos();
                double rate = n / (fleet.interval.toNanos() / 1e9);
                BenchSupport.Latencies steadyLatency = new BenchSupport.Latencies(
                        (int) Math.min(50_000_000L, (long) (rate * steady.toNanos() / 1e9) + n + 16));
                BenchSupport.Latencies afterLatency = new BenchSupport.Latencies(
                        (int) Math.min(50_000_000L, (long) (rate * timeout.toNanos() / 1e9) + n + 16));
                BenchFleet.ReplyListener listener = (ven, due, reply, err) -> {
                    if (err != null || reply.status() != 200) {
                        errors.incrementAndGet();
                        return;
                    }
                    long lat = System.nanoTime() - due;
                    if (due >= steadyFrom && due < steadyTo) {
                        steadyLatency.record(lat);
                    } else if (due >= steadyTo) {
                        afterLatency.record(lat);
                    }
                    String id = eventId[0];
                    HttpReply r = reply;
                    if (id != null && receivedAt.get(ven) == 0
                            && new String(r.body(), StandardCharsets.UTF_8).contains(">" + id + "<")) {
                        if (receivedAt.compareAndSet(ven, 0, System.nanoTime())) {
                            received.incrementAndGet();
                        }
                    }
                };
                String program = admin.createProgram("bench-fanout-" + ProcessHandle.current().pid());
                String serverSummary;
                long skipped;
                try (BenchSupport.ServerSampler sampler = new BenchSupport.ServerSampler(admin)) {
                    Thread creator = new Thread(() -> {
                        try {
                            // Let the open loop reach its steady rate, then create the event.
                            Thread.sleep(warmup.plus(steady).toMillis());
                            createdAt[0] = System.nanoTime();
                            eventId[0] = admin.createEvent("{\"programId\":\"" + program + "\",\"start\":\"2030-01-01T14:00:00Z\","
                                    + "\"signals\":[{\"name\":\"SIMPLE\",\"type\":\"level\",\"intervals\":[{\"duration\":\"PT1H\",\"value\":1}]}],"
                                    + "\"targets\":{\"all\":true},\"responseRequired\":\"never\"}");
                            createdAt[1] = System.nanoTime();
                        } catch (Exception e) {
                            eventId[0] = "!failed: " + e.getMessage();
                        }
                    }, "bench-fanout-create");
                    creator.start();
                    skipped = f.runOpenLoop(fleet.interval, warmup.plus(steady).plus(timeout), 2, listener,
                            () -> received.get() >= n);
                    creator.join(30_000);
                    serverSummary = sampler.summary();
                }
                f.awaitQuiet(Duration.ofSeconds(35));
                BenchSupport.Latencies delays = new BenchSupport.Latencies(n);
                for (int i = 0; i < n; i++) {
                    long t = receivedAt.get(i);
                    if (t != 0) {
                        delays.record(Math.max(0, t - createdAt[0]));
                    }
                }
                out.printf(Locale.ROOT, "bench fanout: %d VENs polling every %s; event %s for all created through the admin API%n",
                        n, fleet.interval, eventId[0]);
                // the event's poll items for every registered VEN (not only these N) are queued in the creating
                // transaction (EventService), so the admin call's return is when it was queued for all of them
                out.printf(Locale.ROOT, "queued for every registered VEN (targets all) when the admin call returned: "
                        + "%.2f s after it was made%n", createdAt[1] == 0 ? Double.NaN : (createdAt[1] - createdAt[0]) / 1e9);
                out.printf(Locale.ROOT, "received by %d of %d VENs; time until every VEN had it: %s; errors %d, skipped turns %d%n",
                        received.get(), n, received.get() == n ? String.format(Locale.ROOT, "%.2f s",
                                delays.percentileMillis(1.0) / 1000) : "not reached within " + timeout, errors.get(), skipped);
                out.println("per-VEN delay after creation " + delays.summary());
                out.printf(Locale.ROOT, "steady polling before the event (%.0f polls/s target, %d polls): latency %s%n", rate,
                        steadyLatency.count(), steadyLatency.summary());
                out.printf(Locale.ROOT, "polling after the event (%d polls): latency %s%n", afterLatency.count(),
                        afterLatency.summary());
                out.println(serverSummary);
                out.println(BenchSupport.selfUsage());
                fleet.finish(out, f);
                out.flush();
                return received.get() == n && errors.get() == 0 ? 0 : 1;
            }
        }
    }
}
