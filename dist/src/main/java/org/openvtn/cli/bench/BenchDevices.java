package org.openvtn.cli.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.openvtn.admin.api.MetricsJson;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.device.SepDeviceClient;
import org.openvtn.device.SepDeviceRuntime;
import org.openvtn.device.SepFleetTls;
import org.openvtn.device.SepNotificationHub;
import org.openvtn.device.engine.EffectiveControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openvtn bench devices} (issue #16): N IEEE 2030.5 device clients ({@code org.openvtn.device}) in this
 * process against a separately started {@code openvtn dev}, each with its own CSIP device certificate (issued from
 * the PKI's MICA, cached under the bench directory), self-registered and subscribed through one shared notification
 * listener, all on one {@link SepDeviceRuntime} and one {@link SepFleetTls} (one TLS context presenting each
 * device's certificate on its own connections). One event for all devices (LOAD_DISPATCH setpoint -> DERControl
 * opModTargetW) is created through the admin API; reported: time until every device had it as its effective
 * control and p50/p99 per device, retained heap per device (after GC, N devices minus the baseline before them),
 * and the server's CPU time (admin {@code /metrics}) per notification the devices received.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"N IEEE 2030.5 device clients (own certificate each, one shared notification listener) against a running",
                "`openvtn dev`; one DERControl for all is created through the admin API; reports the time until every device",
                "has it as its effective control (p50/p99 per device), heap per device and the server's CPU per notification."})
final class BenchDevices extends BenchCall {
    @Option(names = "--sep", required = true, paramLabel = "URL", description = "IEEE 2030.5 base URL, e.g. https://127.0.0.1:8444 (loopback only).")
    URI sep;

    @Option(names = "--pki", required = true, paramLabel = "DIR", description = "PKI of `openvtn pki init` / `openvtn dev` (its MICA issues the device identities).")
    Path pki;

    @Option(names = "--admin", required = true, paramLabel = "URL", description = "Admin API base, e.g. http://127.0.0.1:8081/api/v1.")
    URI admin;

    @Option(names = "--admin-token", paramLabel = "FILE", description = "Admin bearer token file (default: PKI/../admin-token).")
    Path adminToken;

    @Option(names = "--devices", defaultValue = "100", paramLabel = "N", description = "Simulated devices (default: ${DEFAULT-VALUE}, max 15000).")
    int devices;

    @Option(names = "--listen-host", defaultValue = "127.0.0.1", paramLabel = "HOST", description = "Address of the shared notification listener (loopback; default: ${DEFAULT-VALUE}).")
    String listenHost;

    @Option(names = "--bench-dir", paramLabel = "DIR", description = "Cache of the device identities (default: PKI/../bench).")
    Path benchDir;

    @Option(names = "--io-threads", defaultValue = "2", paramLabel = "N", description = "Netty I/O threads of the fleet (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--workers", defaultValue = "16", paramLabel = "N", description = "Worker threads running the devices' walks and engines (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--timeout", defaultValue = "PT10M", paramLabel = "T", description = "Give up waiting after (default: ${DEFAULT-VALUE}, max PT30M).")
    Duration timeout;

    static final int MAX_DEVICES = 15_000;
    private static final String MODE = "opModTargetW";

    @Override
    Integer run() throws Exception {
        BenchSupport.requireLoopback(sep, "--sep");
        BenchSupport.requireCount("--devices", devices, MAX_DEVICES);
        BenchSupport.requireBounded("--timeout", timeout);
        if (!java.net.InetAddress.getByName(listenHost).isLoopbackAddress()) {
            throw new IllegalArgumentException("--listen-host must be a loopback address, was " + listenHost);
        }
        if (workers < 1 || workers > 1024) {
            throw new IllegalArgumentException("--workers must be 1..1024, was " + workers);
        }
        PrintWriter out = spec.commandLine().getOut();
        BenchSupport.Admin api = BenchSupport.Admin.of(admin, adminToken, pki);
        Path dir = benchDir != null ? benchDir : pki.toAbsolutePath().getParent().resolve("bench");
        String dcap = sep.toString().replaceAll("/+$", "") + "/dcap";
        double kW = 1.0 + ProcessHandle.current().pid() % 97 / 10.0; // this run's value, told apart from older events
        long wanted = Math.round(kW * 1000);
        long t0 = System.nanoTime();
        List<Credential> ids = BenchPushIdentities.loadDevices(BenchSupport.sepIssuer(pki), dir, devices);
        long t1 = System.nanoTime();
        AtomicLongArray seen = new AtomicLongArray(devices);
        CountDownLatch all = new CountDownLatch(devices);
        try (SepDeviceRuntime runtime = SepDeviceRuntime.create(ioThreads, workers);
             SepNotificationHub hub = SepNotificationHub.bind(runtime, tls(ids.get(0)), listenHost, 0, null)) {
            SepFleetTls fleetTls = SepFleetTls.create(tls(ids.get(0))); // one TLS context, identity per connection
            long baseline = retainedHeap();
            List<SepDeviceClient> clients = new ArrayList<>(devices);
            try {
                for (int i = 0; i < devices; i++) {
                    int k = i;
                    clients.add(SepDeviceClient.builder().server(dcap).tlsConfig(tls(ids.get(i))).runtime(runtime)
                            .notificationHub(hub).fleetTls(fleetTls).maxRetryDelay(Duration.ofSeconds(30))
                            .listener(m -> {
                                EffectiveControl c = m.get(MODE);
                                if (c != null && watts(c) == wanted && seen.compareAndSet(k, 0, System.nanoTime())) {
                                    all.countDown();
                                }
                            }).build());
                }
                long t2 = System.nanoTime();
                List<CompletableFuture<Void>> starts = clients.stream().map(SepDeviceClient::startAsync).toList();
                try {
                    CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new))
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    // a first walk failed (the client would retry) or the time ran out: measured on the devices
                    // that did start; the others are closed and reported
                }
                long t3 = System.nanoTime();
                int started = 0;
                int polling = 0;
                for (int i = 0; i < devices; i++) {
                    CompletableFuture<Void> f = starts.get(i);
                    if (f.isDone() && !f.isCompletedExceptionally()) {
                        started++;
                        polling += clients.get(i).polling() ? 1 : 0;
                    } else {
                        clients.get(i).close();
                        if (seen.compareAndSet(i, 0, -1)) {
                            all.countDown(); // not waited for
                        }
                    }
                }
                long heap = retainedHeap();
                out.printf(Locale.ROOT, "setup: %d device identities in %.1f s (cached under %s), %d clients built in "
                                + "%.1f s, %d of %d registered and walked in %.1f s; %d subscribed through one "
                                + "listener (port %d), %d polling%n", devices, (t1 - t0) / 1e9, dir, devices,
                        (t2 - t1) / 1e9, started, devices, (t3 - t2) / 1e9, started - polling, hub.port(), polling);
                if (started < devices) {
                    out.printf(Locale.ROOT, "only %d of %d devices completed their first walk (the others failed it or "
                            + "ran out of --timeout); those are closed and the figures below are for the %d started "
                            + "ones%n", started, devices, started);
                }
                out.printf(Locale.ROOT, "heap per device: %.1f KB retained after GC (%d clients: %d MiB above the "
                                + "baseline of %d MiB; runtime, codec, listener and shared TLS context in the baseline)%n",
                        (heap - baseline) / 1024.0 / devices, devices, (heap - baseline) >> 20, baseline >> 20);
                out.flush();
                String program = api.createProgram("bench-devices-" + ProcessHandle.current().pid());
                MetricsJson before = api.metrics();
                long notes0 = hub.notifications();
                long walks0 = clients.stream().mapToLong(SepDeviceClient::walks).sum();
                long refetches0 = clients.stream().mapToLong(SepDeviceClient::refetches).sum();
                long[] cpu0 = BenchSupport.cpuMark();
                String summary;
                long decided;
                String event;
                boolean complete;
                try (BenchSupport.ServerSampler sampler = new BenchSupport.ServerSampler(api)) {
                    decided = System.nanoTime();
                    event = api.createEvent("{\"programId\":\"" + program + "\",\"start\":\""
                            + Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS) + "\","
                            + "\"signals\":[{\"name\":\"LOAD_DISPATCH\",\"type\":\"setpoint\",\"units\":\"kW\","
                            + "\"intervals\":[{\"duration\":\"PT1H\",\"value\":" + kW + "}]}],"
                            + "\"targets\":{\"all\":true},\"responseRequired\":\"always\"}");
                    complete = all.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    summary = sampler.summary();
                }
                MetricsJson after = api.metrics();
                long notes = hub.notifications() - notes0;
                long walks = clients.stream().mapToLong(SepDeviceClient::walks).sum() - walks0;
                long refetches = clients.stream().mapToLong(SepDeviceClient::refetches).sum() - refetches0;
                report(out, seen, decided, event, complete, wanted, started);
                out.println(summary);
                if (before != null && after != null && before.processCpuTimeNanos() != null
                        && after.processCpuTimeNanos() != null && notes > 0) {
                    double cpuMs = (after.processCpuTimeNanos() - before.processCpuTimeNanos()) / 1e6;
                    out.printf(Locale.ROOT, "server CPU per notification: %.2f ms (%.0f ms CPU from the admin call "
                            + "until every device had the control, %d notifications received, followed by %d "
                            + "served without a full walk (the resource named or a re-walk from the FSA list) and "
                            + "%d full walks: the CPU includes serving those GETs)%n", cpuMs / notes, cpuMs, notes,
                            refetches, walks);
                }
                out.println(BenchSupport.selfUsage(cpu0, "from the admin call to the last device"));
                out.flush();
                return complete && started == devices ? 0 : 1;
            } finally {
                clients.forEach(SepDeviceClient::close);
            }
        }
    }

    private TlsConfig tls(Credential c) {
        return TlsConfig.builder().profile(TlsProfile.IEEE_2030_5).credentials(c)
                .trustAnchorFile(BenchSupport.sercaFile(pki)).hostnameVerification(false).build();
    }

    private static long watts(EffectiveControl c) {
        return Math.round(c.value().value() * Math.pow(10, c.value().multiplier()));
    }

    /** Used heap after full collections (the retained set, as far as System.gc() gets it). */
    static long retainedHeap() {
        var mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static void report(PrintWriter out, AtomicLongArray seen, long decided, String event, boolean complete,
                               long wanted, int started) {
        int n = seen.length();
        BenchSupport.Latencies delays = new BenchSupport.Latencies(n);
        long last = 0;
        int got = 0;
        for (int i = 0; i < n; i++) {
            long at = seen.get(i);
            if (at > 0) {
                long d = Math.max(0, at - decided);
                delays.record(d);
                last = Math.max(last, d);
                got++;
            }
        }
        out.printf(Locale.ROOT, "bench devices: event %s for all %d devices created through the admin API; %d of %d "
                + "started devices have %s=%d W as their effective control%n", event, n, got, started, MODE, wanted);
        out.printf(Locale.ROOT, "time until every device had it: %s%n", complete
                ? String.format(Locale.ROOT, "%.2f s", last / 1e9) : "not reached within --timeout");
        out.println("per device (admin call -> effective control) " + delays.summary());
    }
}
