package org.openvtn.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The server's CPU time, read at the start and the end of a measured window, to report CPU time per answered
 * request (issue #18): from the VTN's admin {@code /metrics} ({@code processCpuTimeNanos}) or, for a server without
 * that API (the nginx baseline, bench/nginx/README.md), from {@code /proc/<pid>/stat} of the given processes and
 * their children (nginx's workers), {@code utime + stime} in clock ticks. CPU time is far less sensitive to other
 * load on the machine than throughput or latency, which is why the issue compares servers by it.
 */
final class ServerCpu {
    /** Linux USER_HZ: {@code /proc/<pid>/stat} times are in 1/100 s on every mainstream architecture. */
    private static final long TICK_NANOS = 10_000_000L;

    private final BenchSupport.Admin admin;
    private final List<Long> pids;
    private long startNanos = -1;
    private long endNanos = -1;

    private ServerCpu(BenchSupport.Admin admin, List<Long> pids) {
        this.admin = admin;
        this.pids = pids;
    }

    /**
     * @param admin the VTN admin API, or null
     * @param pids  {@code --server-pid} values (they win over the admin API), or null/empty
     * @return a reader, or null when neither source is given
     */
    static ServerCpu of(BenchSupport.Admin admin, List<Long> pids) {
        if (pids != null && !pids.isEmpty()) {
            for (long p : pids) {
                if (!Files.isReadable(Path.of("/proc", Long.toString(p), "stat"))) {
                    throw new IllegalArgumentException("--server-pid: no process " + p + " (needs Linux /proc)");
                }
            }
            return new ServerCpu(null, List.copyOf(pids));
        }
        return admin == null ? null : new ServerCpu(admin, List.of());
    }

    /** Marks the start of the measured window. */
    void start() {
        startNanos = read();
    }

    /** Marks the end of the measured window. */
    void end() {
        endNanos = read();
    }

    /**
     * @param answered requests answered inside the window
     * @return one line: CPU time per answered request and the source
     */
    String perRequest(long answered) {
        return per(answered, "request", "answered requests");
    }

    /**
     * @param answered units of work done inside the window
     * @param unit  e.g. "notification"
     * @param what  e.g. "notifications received"
     * @return one line: CPU time per unit and the source
     */
    String per(long answered, String unit, String what) {
        String source = admin != null ? "admin /metrics" : "/proc of pids " + pids + " and their children";
        if (startNanos < 0 || endNanos < 0 || answered <= 0) {
            return "server CPU per " + unit + ": not measured (" + source + ")";
        }
        double cpuMs = (endNanos - startNanos) / 1e6;
        return String.format(Locale.ROOT, "server CPU per %s: %.4f ms (%.2f s of CPU over %d %s in "
                + "the measured window; %s)", unit, cpuMs / answered, cpuMs / 1000, answered, what, source);
    }

    private long read() {
        if (admin != null) {
            org.openvtn.admin.api.MetricsJson m = admin.metrics();
            return m == null || m.processCpuTimeNanos() == null ? -1 : m.processCpuTimeNanos();
        }
        long ticks = 0;
        for (long pid : withChildren(pids)) {
            ticks += ticks(pid);
        }
        return ticks * TICK_NANOS;
    }

    private static List<Long> withChildren(List<Long> roots) {
        List<Long> all = new ArrayList<>(roots);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(s -> s.chars().allMatch(Character::isDigit))
                    .forEach(s -> {
                        String[] f = fields(Long.parseLong(s));
                        if (f != null && roots.contains(Long.parseLong(f[1])) && !all.contains(Long.parseLong(s))) {
                            all.add(Long.parseLong(s));
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return all;
    }

    private static long ticks(long pid) {
        String[] f = fields(pid);
        return f == null ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Fields of {@code /proc/<pid>/stat} after the command name: [0] state, [1] ppid, ..., [11] utime, [12] stime. */
    private static String[] fields(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null; // the process ended
        }
    }
}
