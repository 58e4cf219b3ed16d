package org.openvtn.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvtn.admin.api.AdminApiClient;
import org.openvtn.admin.api.AdminApiException;
import org.openvtn.admin.api.EventInput;
import org.openvtn.admin.api.ProgramInput;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.certs.pki.PkiGenerator;

/**
 * Pieces shared by the {@code openvtn bench} commands: the loopback guard, identities issued from a PKI
 * directory, a bounded latency recorder and a small admin-API client.
 */
final class BenchSupport {
    /** Upper bounds every load command enforces (bounded in count and time, issue 8). */
    static final int MAX_VENS = 100_000;
    static final Duration MAX_DURATION = Duration.ofMinutes(30);

    private BenchSupport() {
    }

    /** Refuses anything that is not a loopback address: the load commands never leave this machine. */
    static void requireLoopback(URI uri, String option) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException(option + ": no host in " + uri);
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    throw new IllegalArgumentException(option + ": " + host + " (" + a.getHostAddress()
                            + ") is not a loopback address; benchmarks only target this machine");
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(option + ": unknown host " + host);
        }
    }

    static void requireBounded(String option, Duration d) {
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(option + " must be > 0 and at most " + MAX_DURATION);
        }
    }

    static void requireCount(String option, int n, int max) {
        if (n < 1 || n > max) {
            throw new IllegalArgumentException(option + " must be between 1 and " + max);
        }
    }

    /** The OpenADR intermediate CA of a PKI made by {@code openvtn pki init} / {@code openvtn dev}. */
    static CertificateAuthority oadrIssuer(Path pki) {
        return authority(pki, "oadr-intermediate", "oadr-root");
    }

    /** The IEEE 2030.5 MICA of such a PKI. */
    static CertificateAuthority sepIssuer(Path pki) {
        return authority(pki, "sep-mica", "sep-serca");
    }

    private static CertificateAuthority authority(Path pki, String name, String root) {
        Path ca = pki.resolve("ca");
        Path key = ca.resolve(name + ".key");
        if (!Files.isRegularFile(key)) {
            throw new IllegalArgumentException("--pki: " + key + " is missing; create the PKI with `openvtn pki init --dir "
                    + pki + "` or `openvtn dev`");
        }
        List<X509Certificate> path = new ArrayList<>(PemFiles.readCertificates(ca.resolve(name + ".crt")));
        path.addAll(PemFiles.readCertificates(ca.resolve(root + ".crt")));
        return CertificateAuthority.of(PemFiles.readPrivateKey(key), path);
    }

    /** Issues {@code n} ECC P-256 VEN credentials named {@code prefix-NNNNNN}, in parallel. */
    static List<Credential> issueVens(CertificateAuthority ca, String prefix, int n) {
        Instant now = Instant.now();
        Credential[] out = new Credential[n];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            String name = String.format(Locale.ROOT, "%s-%06d", prefix, i + 1);
            KeyPair kp = new KeyPairs().ecP256();
            out[i] = ca.issue(name, CertificateProfiles.oadrClient(name, kp.getPublic(), now).build(), kp.getPrivate());
        });
        return Arrays.asList(out);
    }

    /** Issues one RSA 2048 VEN credential (the OpenADR RSA suite needs an RSA client key to be realistic). */
    static Credential issueRsaVen(CertificateAuthority ca, String name) {
        KeyPair kp = new KeyPairs().rsa2048();
        return ca.issue(name, CertificateProfiles.oadrClient(name, kp.getPublic(), Instant.now()).build(), kp.getPrivate());
    }

    /** Issues {@code n} CSIP device credentials from the MICA, in parallel. */
    static List<Credential> issueDevices(CertificateAuthority mica, String prefix, int n) {
        Instant now = Instant.now();
        long base = System.currentTimeMillis() % 1_000_000_000L;
        Credential[] out = new Credential[n];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            KeyPair kp = new KeyPairs().ecP256();
            String serial = String.format(Locale.ROOT, "%s-%d-%06d", prefix, base, i + 1);
            out[i] = mica.issue(serial, CertificateProfiles.csipDevice(serial, kp.getPublic(), now).build(),
                    kp.getPrivate());
        });
        return Arrays.asList(out);
    }

    static Path caFile(Path pki) {
        return pki.resolve(PkiGenerator.CA_FILE);
    }

    static Path sercaFile(Path pki) {
        return pki.resolve(PkiGenerator.SERCA_FILE);
    }

    /** Latencies in nanoseconds; a fixed-size array bounded by the command's own count bound. */
    static final class Latencies {
        private final long[] values;
        private final AtomicInteger size = new AtomicInteger();
        private final AtomicInteger dropped = new AtomicInteger();

        Latencies(int capacity) {
            this.values = new long[capacity];
        }

        void record(long nanos) {
            int i = size.getAndIncrement();
            if (i < values.length) {
                values[i] = nanos;
            } else {
                dropped.incrementAndGet();
            }
        }

        int count() {
            return Math.min(size.get(), values.length);
        }

        /** Writes the recorded values (a generator process of {@code bench poll --processes}). */
        void writeTo(Path file) throws IOException {
            int n = count();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n * Long.BYTES);
            for (int i = 0; i < n; i++) {
                b.putLong(values[i]);
            }
            Files.write(file, b.array());
        }

        /** Records every value {@link #writeTo} wrote to {@code file}. */
        void readFrom(Path file) throws IOException {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(file));
            while (b.remaining() >= Long.BYTES) {
                record(b.getLong());
            }
        }

        /** p50 p90 p99 max in milliseconds, "-" when nothing was recorded. */
        String summary() {
            int n = count();
            if (n == 0) {
                return "p50 - p90 - p99 - max - ms";
            }
            long[] s = Arrays.copyOf(values, n);
            Arrays.sort(s);
            return String.format(Locale.ROOT, "p50 %.2f p90 %.2f p99 %.2f max %.2f ms", ms(s, 0.50), ms(s, 0.90),
                    ms(s, 0.99), s[n - 1] / 1e6);
        }

        double percentileMillis(double q) {
            int n = count();
            if (n == 0) {
                return Double.NaN;
            }
            long[] s = Arrays.copyOf(values, n);
            Arrays.sort(s);
            return ms(s, q);
        }

        private static double ms(long[] sorted, double q) {
            int idx = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
        }
    }

    private static final long STARTED_CPU = cpuNanos();
    private static final long STARTED_WALL = System.nanoTime();

    static long cpuNanos() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime();
    }

    /**
     * This process's CPU use since the bench command's classes were loaded (CPU time / wall time, in cores) and its
     * heap, for the load generator's half of the picture, plus the machine's load average.
     */
    static String selfUsage() {
        return selfUsage(new long[] {STARTED_CPU, STARTED_WALL}, "over its whole run (set-up included)");
    }

    /** A CPU-time mark for {@link #selfUsage(long[], String)}. */
    static long[] cpuMark() {
        return new long[] {cpuNanos(), System.nanoTime()};
    }

    static String selfUsage(long[] mark, String what) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        double cores = (cpuNanos() - mark[0]) / (double) Math.max(1, System.nanoTime() - mark[1]);
        return String.format(Locale.ROOT, "load generator: CPU %.2f of %d cores %s, heap %d MiB; machine load average %.2f",
                cores, os.getAvailableProcessors(), what, heap >> 20, os.getSystemLoadAverage());
    }

    /**
     * The VTN admin API ({@code /api/v1}, bearer token): metrics, programs and events. Optional for the load
     * commands; without it they report client-side figures only.
     */
    static final class Admin {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final URI base;
        private final AdminApiClient api;

        Admin(URI base, String token) {
            this.base = base;
            this.api = AdminApiClient.create(base.toString(), token, Duration.ofSeconds(30));
        }

        /** The admin client for {@code --admin}/{@code --admin-token}, defaulting the token to {@code PKI/../admin-token}. */
        static Admin of(URI admin, Path tokenFile, Path pki) throws IOException {
            if (admin == null) {
                return null;
            }
            requireLoopback(admin, "--admin");
            Path f = tokenFile != null ? tokenFile : pki.toAbsolutePath().getParent().resolve("admin-token");
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("--admin-token: " + f + " not found");
            }
            String s = admin.toString();
            return new Admin(URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s),
                    Files.readString(f).strip());
        }

        /** {@code GET path} (relative to {@code /api/v1}) as a JSON tree. */
        JsonNode get(String path) throws IOException {
            try {
                return api.call("GET", path, null);
            } catch (AdminApiException e) {
                throw new IOException("admin API " + e.getMessage(), e);
            }
        }

        /** Any call (relative to {@code /api/v1}) with a JSON body (a record, a map, a tree or null). */
        JsonNode call(String method, String path, Object body) throws IOException {
            try {
                return api.call(method, path, body);
            } catch (AdminApiException e) {
                throw new IOException("admin API " + e.getMessage(), e);
            }
        }

        /** {@code GET /metrics}; null when the server does not offer it. */
        org.openvtn.admin.api.MetricsJson metrics() {
            try {
                return api.metrics();
            } catch (AdminApiException e) {
                return null;
            }
        }

        /** Creates a program and returns its id. */
        String createProgram(String name) throws IOException {
            try {
                return api.createProgram(new ProgramInput(name, "http://bench/" + name, null)).id();
            } catch (AdminApiException e) {
                throw new IOException("admin API " + e.getMessage(), e);
            }
        }

        /** Creates an event from its JSON body and returns its id. */
        String createEvent(String json) throws IOException {
            try {
                return api.createEvent(JSON.readValue(json, EventInput.class)).id();
            } catch (AdminApiException e) {
                throw new IOException("admin API " + e.getMessage(), e);
            }
        }
    }

    /**
     * Reads the server's CPU time when the measured window opens (after the warm-up) and when it closes, on a timer
     * of its own, so the load's scheduling is not disturbed; closing it waits for the end mark (bounded).
     */
    static final class Window implements AutoCloseable {
        private final java.util.concurrent.ScheduledExecutorService timer;
        private final java.util.concurrent.ScheduledFuture<?> end;

        Window(ServerCpu cpu, Duration warmup, Duration duration) {
            timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-cpu-window");
                t.setDaemon(true);
                return t;
            });
            if (cpu == null) {
                end = null;
                return;
            }
            timer.schedule(cpu::start, warmup.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            end = timer.schedule(cpu::end, warmup.plus(duration).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws Exception {
            if (end != null) {
                end.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            timer.shutdownNow();
        }
    }

    /**
     * Samples the server's {@code /metrics} once a second while a load runs and summarises CPU and heap; also
     * the polls the server counted between the first and last sample.
     */
    static final class ServerSampler implements AutoCloseable {
        private final Admin admin;
        private final Thread thread;
        private final List<org.openvtn.admin.api.MetricsJson> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile boolean running = true;

        ServerSampler(Admin admin) {
            this.admin = admin;
            this.thread = new Thread(this::loop, "bench-server-sampler");
            this.thread.setDaemon(true);
            if (admin != null) {
                thread.start();
            }
        }

        private void loop() {
            while (running) {
                org.openvtn.admin.api.MetricsJson m = admin.metrics();
                if (m != null) {
                    samples.add(m);
                }
                try {
                    Thread.sleep(1000); // sampling period, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }

        private static long cpuNanos(org.openvtn.admin.api.MetricsJson m) {
            return m.processCpuTimeNanos() == null ? 0 : m.processCpuTimeNanos();
        }

        String summary() {
            if (admin == null) {
                return "server: no --admin given, server CPU/heap not sampled";
            }
            List<org.openvtn.admin.api.MetricsJson> s;
            synchronized (samples) {
                s = new ArrayList<>(samples);
            }
            if (s.isEmpty()) {
                return "server: " + admin.base + "/metrics not available";
            }
            double cpuSum = 0;
            double cpuMax = 0;
            long heapMax = 0;
            int n = 0;
            for (var m : s.subList(Math.min(1, s.size() - 1), s.size())) { // first sample: CPU since start
                double c = m.processCpuLoad() == null ? 0 : m.processCpuLoad();
                cpuSum += c;
                cpuMax = Math.max(cpuMax, c);
                heapMax = Math.max(heapMax, m.heapUsedBytes());
                n++;
            }
            var first = s.get(0);
            var last = s.get(s.size() - 1);
            long polls = last.oadrPolls() - first.oadrPolls();
            double wallMs = last.uptimeMillis() - first.uptimeMillis();
            double cores = wallMs <= 0 ? Double.NaN
                    : (cpuNanos(last) - cpuNanos(first)) / (wallMs * 1e6);
            return String.format(Locale.ROOT,
                    "server: CPU %.2f of %d cores (CPU time / wall time; sampled load avg %.0f%% max %.0f%% of the machine), "
                            + "heap used max %d MiB, polls served %d, GCs %d (%d ms) (%d samples)",
                    cores, first.availableProcessors(), cpuSum / Math.max(1, n) * 100, cpuMax * 100,
                    heapMax >> 20, polls, last.gcCount() - first.gcCount(),
                    last.gcTimeMillis() - first.gcTimeMillis(), s.size());
        }
    }
}
