package org.openvtn.cli.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code openvtn bench poll}: N registered VENs poll open loop, evenly spread (issue 8), over persistent connections
 * or one connection per poll with TLS session resumption (issue #18), in this process or spread over K generator
 * processes ({@link BenchProcesses}) so no process runs into its open-file limit.
 */
@Command(name = "poll", mixinStandardHelpOptions = true,
        description = {"N registered VENs poll over mutual TLS, open loop, evenly spread; reports achieved polls/s,",
                "p50/p90/p99/max latency (from the scheduled send time), errors, TLS handshakes (full/resumed),",
                "server CPU/heap. --connections per-poll: one connection per poll, the TLS session resumed;",
                "--processes K: K generator JVMs, each with N/K VENs, their figures aggregated."})
public final class BenchPoll extends BenchCall {
    /** How the VENs use connections. */
    enum Connections { REUSE, PER_POLL }

    @Mixin
    BenchCommand.FleetOptions fleet = new BenchCommand.FleetOptions();

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

    @Option(names = "--connections", defaultValue = "reuse", paramLabel = "MODE", converter = ConnectionsConverter.class,
            description = "reuse: one persistent connection per VEN; per-poll: a TLS 1.2 connection per poll "
                    + "(Connection: close), the VEN's session resumed when the VTN still caches it (default: ${DEFAULT-VALUE}).")
    Connections connections;

    @Option(names = "--processes", defaultValue = "1", paramLabel = "K",
            description = "Spread the VENs over K generator JVMs (1..16), each with its own open-file limit; "
                    + "their figures are aggregated (default: ${DEFAULT-VALUE}).")
    int processes;

    @Option(names = "--vens-offset", defaultValue = "0", hidden = true, description = "First identity of this generator (--processes children).")
    int vensOffset;

    @Option(names = "--child-latencies", hidden = true, paramLabel = "FILE",
            description = "Run as a --processes child: print READY after registration, wait for a line on stdin, "
                    + "write latencies to FILE and the figures as a RESULT line.")
    Path childLatencies;

    /** picocli converter for {@code reuse|per-poll}. */
    static final class ConnectionsConverter implements picocli.CommandLine.ITypeConverter<Connections> {
        @Override
        public Connections convert(String s) {
            return Connections.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * What one generator counted in the measured window (handshakes over the whole load, warm-up included); failed
     * polls by kind ({@link ErrorKinds}).
     */
    record Figures(long ok, long errors, long skipped, long checked, long invalid, long full, long resumed,
                   double cpuCores, String firstError, Map<String, Long> errorKinds) {
        String line() {
            return String.format(Locale.ROOT, "RESULT %d %d %d %d %d %d %d %.4f", ok, errors, skipped, checked, invalid,
                    full, resumed, cpuCores);
        }

        static Figures parse(String line, String firstError, Map<String, Long> errorKinds) {
            String[] f = line.substring("RESULT ".length()).trim().split(" ");
            return new Figures(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Double.parseDouble(f[7]), firstError,
                    errorKinds);
        }

        Figures plus(Figures o) {
            return new Figures(ok + o.ok, errors + o.errors, skipped + o.skipped, checked + o.checked,
                    invalid + o.invalid, full + o.full, resumed + o.resumed, cpuCores + o.cpuCores,
                    firstError != null ? firstError : o.firstError, ErrorKinds.merge(errorKinds, o.errorKinds));
        }
    }

    double rate() {
        return fleet.vens / (fleet.interval.toNanos() / 1e9);
    }

    BenchSupport.Latencies newLatencies() {
        long capacity = (long) Math.ceil(rate() * duration.toNanos() / 1e9) + fleet.vens + 16;
        if (capacity > 50_000_000L) {
            throw new IllegalArgumentException("more than 50,000,000 polls requested; shorten --duration");
        }
        return new BenchSupport.Latencies((int) capacity);
    }

    @Override
    Integer run() throws Exception {
        fleet.validate();
        BenchSupport.requireBounded("--duration", duration);
        if (processes < 1 || processes > 16) {
            throw new IllegalArgumentException("--processes must be between 1 and 16");
        }
        if (processes > fleet.vens) {
            throw new IllegalArgumentException("--processes must not exceed --vens");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (processes > 1) {
            return BenchProcesses.poll(this, out);
        }
        BenchSupport.Admin admin = childLatencies != null ? null
                : BenchSupport.Admin.of(fleet.admin, fleet.adminToken, fleet.pki);
        BenchSupport.Latencies latencies = newLatencies();
        AtomicReference<byte[]> last = new AtomicReference<>();
        try (BenchFleet f = fleet.open(out, vensOffset, connections == Connections.PER_POLL)) {
            if (childLatencies != null) {
                out.println("READY");
                out.flush();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
            }
            long[] cpu = BenchSupport.cpuMark();
            ServerCpu serverCpu = admin == null && fleet.serverPids == null ? null
                    : ServerCpu.of(fleet.serverPids == null || fleet.serverPids.isEmpty() ? admin : null, fleet.serverPids);
            Figures fig;
            String serverSummary;
            try (BenchSupport.ServerSampler sampler = new BenchSupport.ServerSampler(admin);
                 BenchSupport.Window window = new BenchSupport.Window(childLatencies == null ? serverCpu : null,
                         warmup, duration)) {
                fig = load(f, latencies, last, cpu);
                serverSummary = sampler.summary();
            }
            if (childLatencies != null) {
                latencies.writeTo(childLatencies);
                if (fig.firstError() != null) {
                    out.println("FIRSTERROR " + fig.firstError().replace('\n', ' '));
                }
                ErrorKinds.print(out, fig.errorKinds());
                out.println(fig.line());
                out.flush();
            } else {
                report(out, fig, latencies, serverSummary, serverCpu);
                out.println(BenchSupport.selfUsage(cpu, "during the load"));
                if (saveAnswer != null && last.get() != null) {
                    Files.write(saveAnswer, last.get());
                    out.println("last answer (" + last.get().length + " bytes) written to " + saveAnswer);
                }
            }
            fleet.finish(out, f);
            out.flush();
            return fig.errors() == 0 ? 0 : 1;
        }
    }

    /** The open loop of one generator; latencies of the measured window go to {@code latencies}. */
    private Figures load(BenchFleet f, BenchSupport.Latencies latencies, AtomicReference<byte[]> last, long[] cpu)
            throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong checked = new AtomicLong();
        AtomicLong invalid = new AtomicLong();
        AtomicLong firstError = new AtomicLong(-1);
        String[] errorSample = new String[1];
        ErrorKinds kinds = new ErrorKinds();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureTo = measureFrom + duration.toNanos();
        AtomicLong seq = new AtomicLong();
        BenchFleet.ReplyListener listener = (ven, due, reply, err) -> {
            long now = System.nanoTime();
            String problem = err == null && reply.status() == 200 ? PollAnswer.problem(reply.body()) : null;
            boolean good = err == null && reply.status() == 200 && problem == null;
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
                kinds.count(err, reply, problem);
                if (firstError.compareAndSet(-1, ven)) {
                    errorSample[0] = err != null ? err.toString() : reply.status()
                            + (problem == null ? " " : " (" + problem + ") ")
                            + new String(reply.body(), StandardCharsets.UTF_8);
                }
            }
        };
        long[] before = f.handshakes();
        long skipped = f.runOpenLoop(fleet.interval, warmup.plus(duration), 2, listener, () -> false);
        f.awaitQuiet(Duration.ofSeconds(35));
        long[] after = f.handshakes();
        double cores = (BenchSupport.cpuNanos() - cpu[0]) / (double) Math.max(1, System.nanoTime() - cpu[1]);
        String e = errorSample[0] == null ? null : errorSample[0].substring(0, Math.min(300, errorSample[0].length()));
        return new Figures(ok.get(), errors.get(), skipped, checked.get(), invalid.get(), after[0] - before[0],
                after[1] - before[1], cores, e, kinds.snapshot());
    }

    /** Prints the figures of the whole fleet (one generator or the sum of several). */
    void report(PrintWriter out, Figures fig, BenchSupport.Latencies latencies, String serverSummary,
                ServerCpu serverCpu) {
        double secs = duration.toNanos() / 1e9;
        out.printf(Locale.ROOT, "bench poll: %d VENs, interval %s, target %.1f polls/s, measured %s after %s warm-up, "
                        + "connections %s, %d generator process(es)%n", fleet.vens, fleet.interval, rate(), duration,
                warmup, connections.name().toLowerCase(Locale.ROOT).replace('_', '-'), processes);
        out.printf(Locale.ROOT, "polls/s %.1f (ok %d in %.1f s), errors %d, skipped turns %d, answers schema-checked %d (invalid %d)%n",
                fig.ok() / secs, fig.ok(), secs, fig.errors(), fig.skipped(), fig.checked(), fig.invalid());
        out.println("latency " + latencies.summary());
        long hs = fig.full() + fig.resumed();
        out.printf(Locale.ROOT, "TLS handshakes during the load: %d full, %d resumed (%.1f %% resumed)%n", fig.full(),
                fig.resumed(), hs == 0 ? 0.0 : 100.0 * fig.resumed() / hs);
        if (fig.firstError() != null) {
            out.println("first error: " + fig.firstError());
        }
        ErrorKinds.report(out, fig.errorKinds());
        out.println(serverSummary);
        out.println(serverCpu == null ? "server CPU per request: not measured (give --admin or --server-pid)"
                : serverCpu.perRequest(fig.ok()));
    }
}
