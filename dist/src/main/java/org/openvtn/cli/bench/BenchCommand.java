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
        subcommands = {BenchCommand.Poll.class, BenchCommand.Fanout.class, BenchHandshake.class, BenchSep.class,
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
        @Option(names = "--vtn", required = true, paramLabel = "URL",
                description = "OpenADR 2.0b base URL of the VTN (loopback only).")
        URI vtn;

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

        @Option(names = "--keep", description = "Keep the VEN registrations at the end (default: cancel them).")
        boolean keep;

        @Option(names = "--server-pid", split = ",", paramLabel = "PID",
                description = "Read the server's CPU time from /proc/PID/stat of these processes and their children "
                        + "instead of --admin (for a server without the admin API: the nginx baseline, bench/nginx).")
        List<Long> serverPids;

        @Option(names = "--static-server", description = "The server answers every POST with the same bytes (the nginx "
                + "baseline, bench/nginx): no registration, no cancellation; the polls name made-up venIDs.")
        boolean staticServer;

        void validate() {
            BenchSupport.requireLoopback(vtn, "--vtn");
            BenchSupport.requireCount("--vens", vens, BenchSupport.MAX_VENS);
            if (interval.compareTo(Duration.ofMillis(1)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("--interval must be between PT0.001S and PT1H");
            }
        }

        /** Issues the identities, opens the fleet and registers it; prints the set-up timings. */
        BenchFleet open(PrintWriter out, String prefix) throws Exception {
            long t0 = System.nanoTime();
            List<Credential> ids = BenchSupport.issueVens(BenchSupport.oadrIssuer(pki), prefix + "-" + ProcessHandle.current().pid(), vens);
            long t1 = System.nanoTime();
            BenchFleet fleet = new BenchFleet(vtn, BenchSupport.caFile(pki), ids, ioThreads, Duration.ofSeconds(30));
            try {
                if (staticServer) {
                    fleet.prepareUnregistered();
                    out.printf(Locale.ROOT, "setup: issued %d VEN identities in %.1f s; --static-server: not registered%n",
                            vens, (t1 - t0) / 1e9);
                    out.flush();
                    return fleet;
                }
                fleet.registerAll(64, Duration.ofMinutes(20));
                long t2 = System.nanoTime();
                out.printf(Locale.ROOT, "setup: issued %d VEN identities in %.1f s, registered in %.1f s (%.0f/s, "
                                + "TLS handshake + oadrCreatePartyRegistration + first oadrPoll)%n", vens,
                        (t1 - t0) / 1e9, (t2 - t1) / 1e9, vens / ((t2 - t1) / 1e9));
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

    @Command(name = "poll", mixinStandardHelpOptions = true,
            description = {"N registered VENs poll over persistent mutual-TLS connections, open loop, evenly spread;",
                    "reports achieved polls/s, p50/p90/p99/max latency (from the scheduled send time), errors, server CPU/heap."})
    static final class Poll extends BenchCall {
        @Mixin
        FleetOptions fleet = new FleetOptions();

        @Option(names = "--duration", defaultValue = "PT30S", paramLabel = "T", description = "Measured time (default: ${DEFAULT-VALUE}, max PT30M).")
        Duration duration;

        @Option(names = "--warmup", defaultValue = "PT5S", paramLabel = "T", description = "Load before measuring (default: ${DEFAULT-VALUE}).")
        Duration warmup;

        @Option(names = "--check-every", defaultValue = "100", paramLabel = "K",
                description = "Decode and schema-validate every K-th answer (default: ${DEFAULT-VALUE}); the others are checked for HTTP 200 and responseCode 200.")
        int checkEvery;

        @Option(names = "--save-answer", paramLabel = "FILE",
                description = "Write the body of the last answer to FILE (the bytes the nginx baseline serves, bench/nginx).")
        Path saveAnswer;
        @Override
        Integer run() throws Exception {
            fleet.validate();
            BenchSupport.requireBounded("--duration", duration);
            PrintWriter out = spec.commandLine().getOut();
            BenchSupport.Admin admin = BenchSupport.Admin.of(fleet.admin, fleet.adminToken, fleet.pki);
            double rate = fleet.vens / (fleet.interval.toNanos() / 1e9);
            long capacity = (long) Math.ceil(rate * duration.toNanos() / 1e9) + fleet.vens + 16;
            if (capacity > 50_000_000L) {
                throw new IllegalArgumentException("more than 50,000,000 polls requested; shorten --duration");
            }
            BenchSupport.Latencies latencies = new BenchSupport.Latencies((int) capacity);
            AtomicLong ok = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicLong checked = new AtomicLong();
            AtomicLong invalid = new AtomicLong();
            AtomicLong firstError = new AtomicLong(-1);
            String[] errorSample = new String[1];
            java.util.concurrent.atomic.AtomicReference<byte[]> last = new java.util.concurrent.atomic.AtomicReference<>();
            try (BenchFleet f = fleet.open(out, "bench-poll")) {
                long measureFrom = System.nanoTime() + warmup.toNanos();
                long measureTo = measureFrom + duration.toNanos();
                AtomicLong seq = new AtomicLong();
                BenchFleet.ReplyListener listener = (ven, due, reply, err) -> {
                    long now = System.nanoTime();
                    boolean good = err == null && reply.status() == 200 && okAnswer(reply.body());
                    if (good) {
                        last.set(reply.body());
                    }
                    if (good && checkEvery > 0 && seq.incrementAndGet() % checkEvery == 0) {
                        checked.incrementAndGet();
                        try {
                            f.codec().decodeMessage(reply.body());
                        } catch (Exception e) {
                            invalid.incrementAndGet();
                            good = false;
                        }
                    }
                    if (due < measureFrom || due >= measureTo) {
                        return;
                    }
                    if (good) {
                        ok.incrementAndGet();
                        latencies.record(now - due);
                    } else {
                        errors.incrementAndGet();
                        if (firstError.compareAndSet(-1, ven)) {
                            errorSample[0] = err != null ? err.toString()
                                    : reply.status() + " " + new String(reply.body(), StandardCharsets.UTF_8);
                        }
                    }
                };
                long skipped;
                String serverSummary;
                long[] cpu = BenchSupport.cpuMark();
                ServerCpu serverCpu = ServerCpu.of(fleet.serverPids == null || fleet.serverPids.isEmpty() ? admin : null,
                        fleet.serverPids);
                try (BenchSupport.ServerSampler sampler = new BenchSupport.ServerSampler(admin);
                     BenchSupport.Window window = new BenchSupport.Window(serverCpu, warmup, duration)) {
                    skipped = f.runOpenLoop(fleet.interval, warmup.plus(duration), 2, listener, () -> false);
                    f.awaitQuiet(Duration.ofSeconds(35));
                    serverSummary = sampler.summary();
                }
                out.printf(Locale.ROOT, "bench poll: %d VENs, interval %s, target %.1f polls/s, measured %s after %s warm-up%n",
                        fleet.vens, fleet.interval, rate, duration, warmup);
                out.printf(Locale.ROOT, "polls/s %.1f (ok %d in %.1f s), errors %d, skipped turns %d, answers schema-checked %d (invalid %d)%n",
                        ok.get() / (duration.toNanos() / 1e9), ok.get(), duration.toNanos() / 1e9, errors.get(), skipped,
                        checked.get(), invalid.get());
                out.println("latency " + latencies.summary());
                if (errorSample[0] != null) {
                    out.println("first error: " + errorSample[0].substring(0, Math.min(300, errorSample[0].length())));
                }
                out.println(serverSummary);
                out.println(serverCpu == null ? "server CPU per request: not measured (give --admin or --server-pid)"
                        : serverCpu.perRequest(ok.get()));
                out.println(BenchSupport.selfUsage(cpu, "during the load"));
                if (saveAnswer != null && last.get() != null) {
                    java.nio.file.Files.write(saveAnswer, last.get());
                    out.println("last answer (" + last.get().length + " bytes) written to " + saveAnswer);
                }
                fleet.finish(out, f);
                out.flush();
            }
            return errors.get() == 0 ? 0 : 1;
        }
    }

    /** An answer to a poll that is a 2.0b message carrying responseCode 200 (oadrResponse or a distribution). */
    static boolean okAnswer(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.contains("oadrPayload") && s.contains(">200</");
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
            try (BenchFleet f = fleet.open(out, "bench-fanout")) {
                int n = f.size();
                AtomicLongArray receivedAt = new AtomicLongArray(n);
                AtomicLong received = new AtomicLong();
                AtomicLong errors = new AtomicLong();
                String[] eventId = new String[1];
                long[] createdAt = new long[1];
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
