package org.openvtn.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * {@code bench poll --processes K} (issue #18): one JVM cannot hold 100,000 connections (a process may open at most
 * its hard {@code RLIMIT_NOFILE}, often 20,000 here), so the VENs are spread over K generator JVMs, each started with
 * this process's JDK and class path and its own share of the cached identities. Each child registers its VENs and
 * prints {@code READY}; once all are ready the parent opens the server's CPU window, writes a line to every child's
 * stdin so they start their open loops together, and merges their {@code RESULT} lines and latency files.
 */
final class BenchProcesses {
    private BenchProcesses() {
    }

    static int poll(BenchPoll cmd, PrintWriter out) throws Exception {
        int k = cmd.processes;
        int n = cmd.fleet.vens;
        long t0 = System.nanoTime();
        cmd.fleet.identities(0); // issue and cache all identities once, before the children read them
        out.printf(java.util.Locale.ROOT, "setup: %d VEN identities ready in %.1f s; starting %d generator processes%n",
                n, (System.nanoTime() - t0) / 1e9, k);
        out.flush();
        Path dir = Files.createTempDirectory("openvtn-bench-poll");
        List<Process> children = new ArrayList<>();
        List<BufferedReader> readers = new ArrayList<>();
        try {
            int offset = 0;
            for (int i = 0; i < k; i++) {
                int share = n / k + (i < n % k ? 1 : 0);
                Process p = new ProcessBuilder(childCommand(cmd, offset, share, dir.resolve("latencies-" + i)))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                children.add(p);
                readers.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
                offset += share;
            }
            for (int i = 0; i < k; i++) {
                String line = relayUntil(readers.get(i), out, i, "READY");
                if (line == null) {
                    throw new IllegalStateException("generator process " + i + " ended before it was ready (exit "
                            + children.get(i).waitFor() + ")");
                }
            }
            BenchSupport.Admin admin = BenchSupport.Admin.of(cmd.fleet.admin, cmd.fleet.adminToken, cmd.fleet.pki);
            ServerCpu serverCpu = ServerCpu.of(cmd.fleet.serverPids == null || cmd.fleet.serverPids.isEmpty() ? admin
                    : null, cmd.fleet.serverPids);
            BenchSupport.Latencies latencies = cmd.newLatencies();
            BenchPoll.Figures sum = new BenchPoll.Figures(0, 0, 0, 0, 0, 0, 0, 0, null, java.util.Map.of());
            String serverSummary;
            try (BenchSupport.ServerSampler sampler = new BenchSupport.ServerSampler(admin);
                 BenchSupport.Window window = new BenchSupport.Window(serverCpu, cmd.warmup, cmd.duration)) {
                for (Process p : children) {
                    OutputStream go = p.getOutputStream();
                    go.write("go\n".getBytes(StandardCharsets.US_ASCII));
                    go.flush();
                }
                List<CompletableFuture<BenchPoll.Figures>> results = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    int child = i;
                    results.add(CompletableFuture.supplyAsync(() -> result(readers.get(child), out, child)));
                }
                for (CompletableFuture<BenchPoll.Figures> r : results) {
                    sum = sum.plus(r.get(cmd.warmup.plus(cmd.duration).toSeconds() + 120, TimeUnit.SECONDS));
                }
                serverSummary = sampler.summary();
            }
            for (int i = 0; i < k; i++) {
                latencies.readFrom(dir.resolve("latencies-" + i));
            }
            cmd.report(out, sum, latencies, serverSummary, serverCpu);
            out.printf(java.util.Locale.ROOT, "load generators: CPU %.2f cores in total over %d processes%n",
                    sum.cpuCores(), k);
            for (int i = 0; i < k; i++) {
                relayUntil(readers.get(i), out, i, null); // the children's clean-up lines
                children.get(i).waitFor(10, TimeUnit.MINUTES);
            }
            return sum.errors() == 0 ? 0 : 1;
        } finally {
            for (Process p : children) {
                p.destroy();
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static BenchPoll.Figures result(BufferedReader in, PrintWriter out, int child) {
        try {
            String firstError = null;
            java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("FIRSTERROR ")) {
                    firstError = line.substring("FIRSTERROR ".length());
                } else if (ErrorKinds.parse(line, kinds)) {
                    continue;
                } else if (line.startsWith("RESULT ")) {
                    return BenchPoll.Figures.parse(line, firstError, kinds);
                } else {
                    relay(out, child, line);
                }
            }
            throw new IllegalStateException("generator process " + child + " ended without its figures");
        } catch (IOException e) {
            throw new IllegalStateException("generator process " + child + ": " + e.getMessage(), e);
        }
    }

    /** Relays a child's lines until one equals {@code marker} (returned) or its output ends (null). */
    private static String relayUntil(BufferedReader in, PrintWriter out, int child, String marker) throws IOException {
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals(marker)) {
                return line;
            }
            relay(out, child, line);
        }
        return null;
    }

    private static void relay(PrintWriter out, int child, String line) {
        synchronized (out) {
            out.println("[generator " + child + "] " + line);
            out.flush();
        }
    }

    /** The child's command line: this JVM's java and class path, the parent's options with its share of VENs. */
    private static List<String> childCommand(BenchPoll cmd, int offset, int share, Path latencies) {
        List<String> c = new ArrayList<>();
        c.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        String xmx = System.getenv("OPENVTN_BENCH_CHILD_XMX");
        if (xmx != null && xmx.matches("[0-9]+[mMgG]")) {
            c.add("-Xmx" + xmx);
        }
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add("org.openvtn.cli.OpenVtn");
        c.add("bench");
        c.add("poll");
        CommandLine.Model.CommandSpec spec = cmd.spec;
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            String name = o.longestName();
            boolean adminOption = List.of("--admin", "--admin-token").contains(name);
            if (!o.hasInitialValue() && o.getValue() == null || adminOption && !cmd.fleet.preregister
                    || List.of("--processes", "--vens", "--vens-offset", "--child-latencies", "--server-pid",
                    "--save-answer", "--help", "--version").contains(name)) {
                continue;
            }
            Object v = o.getValue();
            if (v == null) {
                continue;
            }
            if (o.typeInfo().isBoolean()) {
                if (Boolean.TRUE.equals(v)) {
                    c.add(name);
                }
            } else if (v instanceof List<?> list) {
                c.add(name);
                c.add(String.join(",", list.stream().map(String::valueOf).toList()));
            } else if (v instanceof BenchPoll.Connections m) {
                c.add(name);
                c.add(m.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            } else {
                c.add(name);
                c.add(String.valueOf(v));
            }
        }
        c.add("--vens");
        c.add(Integer.toString(share));
        c.add("--vens-offset");
        c.add(Integer.toString(offset));
        c.add("--child-latencies");
        c.add(latencies.toString());
        return c;
    }
}
