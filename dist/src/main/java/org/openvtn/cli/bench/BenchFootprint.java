package org.openvtn.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openvtn.cli.OpenVtn;
import org.openvtn.core.RegistrationRequest;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.oadr20b.service.OadrCaller;
import org.openvtn.oadr20b.service.OadrServices;
import org.openvtn.schemas.oadr20b.OadrPollType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openvtn bench footprint}: heap per registered idle VEN (heap after full GC, minus the empty VTN, divided
 * by the VEN count) on a VTN core with a Derby file database in this process, and the start-up time of
 * {@code openvtn dev} to its first accepted connection in a child JVM (issue 8, measurement 6).
 */
@Command(name = "footprint", mixinStandardHelpOptions = true,
        description = {"Heap per registered idle VEN at the given counts (in-process VTN core, Derby file database;",
                "each VEN registered and polled once, as after a bootstrap), and `openvtn dev` start-up time to the",
                "first accepted connection (fresh data directory, then a restart on it)."})
final class BenchFootprint extends BenchCall {
    @Option(names = "--vens", split = ",", defaultValue = "10000", paramLabel = "N[,N...]",
            description = "Registered-VEN counts to measure at, ascending (default: ${DEFAULT-VALUE}; max 100000).")
    List<Integer> counts;

    @Option(names = "--data", paramLabel = "DIR", description = "Scratch directory (default: a new temporary directory, deleted afterwards).")
    Path data;

    @Option(names = "--startup", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure `openvtn dev` start-up (default: ${DEFAULT-VALUE}).")
    boolean startup;

    @Option(names = "--skip-heap", description = "Only measure start-up.")
    boolean skipHeap;
    @Override
    Integer run() throws Exception {
        int previous = 0;
        for (int n : counts) {
            BenchSupport.requireCount("--vens", n, BenchSupport.MAX_VENS);
            if (n <= previous) {
                throw new IllegalArgumentException("--vens counts must ascend");
            }
            previous = n;
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean temp = data == null;
        Path dir = temp ? Files.createTempDirectory("openvtn-bench-footprint") : data;
        try {
            if (!skipHeap) {
                heap(out, dir.resolve("core"));
            }
            if (startup) {
                startup(out, dir.resolve("dev"));
            }
        } finally {
            if (temp) {
                deleteTree(dir);
            }
        }
        out.flush();
        return 0;
    }

    private void heap(PrintWriter out, Path dir) {
        try (VtnCore core = VtnCore.open(CoreConfig.builder().dataDir(dir).build())) {
            OadrServices services = OadrServices.of(core);
            long base = usedAfterGc();
            out.printf(Locale.ROOT, "footprint: empty VTN core heap after GC %.1f MiB%n", base / 1048576.0);
            Random random = new Random(42);
            int registered = 0;
            long t0 = System.nanoTime();
            for (int target : counts) {
                for (; registered < target; registered++) {
                    byte[] fp = new byte[20];
                    random.nextBytes(fp);
                    String fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(fp);
                    var reg = core.registrations().register(
                            RegistrationRequest.simple(fingerprint, null, "bench-idle-" + registered));
                    OadrPollType poll = new OadrPollType();
                    poll.setSchemaVersion("2.0b");
                    poll.setVenID(reg.participantId());
                    services.poll().poll(new OadrCaller(fingerprint, "CN=bench-idle-" + registered), poll);
                }
                long used = usedAfterGc();
                out.printf(Locale.ROOT, "footprint: %d registered idle VENs: heap after GC %.1f MiB, %.0f bytes per VEN "
                                + "(registered + first poll in %.1f s so far)%n", target, used / 1048576.0,
                        (double) (used - base) / target, (System.nanoTime() - t0) / 1e9);
                out.flush();
            }
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Child JVM running {@code openvtn dev}; time from spawn until its OpenADR port accepts a TCP connection. */
    private void startup(PrintWriter out, Path dir) throws IOException, InterruptedException {
        java.util.regex.Pattern bound = java.util.regex.Pattern.compile("OpenADR 2\\.0b VTN\\s+https://[^\\s]*:(\\d+)/");
        int attempt = 0;
        for (String run : List.of("first start (creates PKI + database)", "restart on the same data")) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // port 0: the child binds a free port and names it in its banner (no port chosen here and released)
            List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    OpenVtn.class.getName(), "dev", "--data", dir.toString(), "--oadr-port", "0",
                    "--admin-port", "0", "--sep-port", "-1"));
            Path log = Files.createTempFile("openvtn-startup-" + ++attempt, ".log");
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            try {
                long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
                boolean up = false;
                int port = -1;
                while (!up && System.nanoTime() < deadline && p.isAlive()) {
                    if (port < 0) {
                        java.util.regex.Matcher m = bound.matcher(Files.readString(log));
                        port = m.find() ? Integer.parseInt(m.group(1)) : -1;
                    }
                    if (port > 0) {
                        try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                            up = true;
                            continue;
                        } catch (IOException notYet) {
                            // not accepting yet
                        }
                    }
                    Thread.sleep(10); // waiting for the banner / the port, bounded by the deadline
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                out.printf(Locale.ROOT, "startup: openvtn dev %s: first accepted connection after %s%n", run,
                        up ? String.format(Locale.ROOT, "%.2f s", secs) : "none (process exited or 120 s passed)");
                out.flush();
            } finally {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                Files.deleteIfExists(log);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort on a scratch directory
                }
            });
        }
    }
}
