package org.openvtn.cli.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openvtn bench oadr3-get} (issue #20, benchmark): one OpenADR 3.1 VEN client reads {@code GET /events} at
 * saturation: C connections (one HTTP/1.1 client each, so one keep-alive TLS connection each), closed loop, each
 * sending its next request when the previous answer arrived. Reports requests/s, latency p50/p90/p99/max, errors,
 * the answer's size and events, and the server's CPU per request (admin {@code /metrics} or {@code --server-pid}).
 * With {@code --bl-token-file} it first creates a program and {@code --events} events for every VEN (cancelled at
 * the end), so the answers are not empty.
 */
@Command(name = "oadr3-get", mixinStandardHelpOptions = true,
        description = {"OpenADR 3.1: GET /events for one VEN client at saturation (C keep-alive connections, closed loop);",
                "reports requests/s, p50/p90/p99/max latency, errors and the server's CPU per request."})
final class BenchOadr3Get extends BenchCall {
    @Option(names = "--vtn", required = true, paramLabel = "URL", description = "OpenADR 3.1 base URL, e.g. https://127.0.0.1:8445/openadr3/3.1.0 (loopback only).")
    URI vtn;

    @Option(names = "--pki", required = true, paramLabel = "DIR", description = "PKI of `openvtn dev` (its ca.crt is trusted for the VTN).")
    Path pki;

    @Option(names = "--ven-token-file", required = true, paramLabel = "FILE", description = "VEN token: a file holding it, or a properties file with ven=... (`openvtn dev`'s oadr3-dev-tokens.properties).")
    Path venTokenFile;

    @Option(names = "--bl-token-file", paramLabel = "FILE", description = "BL token (file or bl=... line): create a program and --events events for every VEN first.")
    Path blTokenFile;

    @Option(names = "--events", defaultValue = "10", paramLabel = "K", description = "Events created with --bl-token-file (default: ${DEFAULT-VALUE}, max 50).")
    int events;

    @Option(names = "--path", defaultValue = "/events", paramLabel = "PATH", description = "Path and query below --vtn (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--connections", defaultValue = "8", paramLabel = "C", description = "Keep-alive connections, one request in flight each (default: ${DEFAULT-VALUE}, max 256).")
    int connections;

    @Option(names = "--duration", defaultValue = "PT30S", paramLabel = "T", description = "Measured time (default: ${DEFAULT-VALUE}, max PT30M).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "PT5S", paramLabel = "T", description = "Load before measuring (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--admin", paramLabel = "URL", description = "Admin API base, e.g. http://127.0.0.1:8081/api/v1 (server CPU and heap).")
    URI admin;

    @Option(names = "--admin-token", paramLabel = "FILE", description = "Admin bearer token file (default: PKI/../admin-token).")
    Path adminToken;

    @Option(names = "--server-pid", split = ",", paramLabel = "PID", description = "Read the server's CPU from /proc/PID/stat instead of the admin /metrics.")
    List<Long> serverPids;

    @Override
    Integer run() throws Exception {
        BenchSupport.requireCount("--connections", connections, 256);
        BenchSupport.requireCount("--events", events, 50);
        BenchSupport.requireBounded("--duration", duration);
        if (warmup.isNegative() || warmup.compareTo(BenchSupport.MAX_DURATION) > 0) {
            throw new IllegalArgumentException("--warmup must be between PT0S and " + BenchSupport.MAX_DURATION);
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("--path must start with /");
        }
        Oadr3BenchApi api = new Oadr3BenchApi(vtn, BenchSupport.caFile(pki));
        String ven = Oadr3BenchApi.readToken(venTokenFile, "ven", "--ven-token-file");
        String bl = blTokenFile == null ? null : Oadr3BenchApi.readToken(blTokenFile, "bl", "--bl-token-file");
        BenchSupport.Admin adm = BenchSupport.Admin.of(admin, adminToken, pki);
        ServerCpu cpu = ServerCpu.of(serverPids == null || serverPids.isEmpty() ? adm : null, serverPids);
        PrintWriter out = spec.commandLine().getOut();
        List<String> created = bl == null ? List.of() : createEvents(api, bl);
        try {
            return load(out, api, ven, adm, cpu);
        } finally {
            for (String id : created) {
                api.delete(bl, "/events/" + id);
            }
        }
    }

    private List<String> createEvents(Oadr3BenchApi api, String bl) throws Exception {
        String run = "bench-get-" + ProcessHandle.current().pid() + "-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        String program = api.post(bl, "/programs", Map.of("programName", run)).path("id").asText();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            var e = Oadr3BenchApi.JSON.createObjectNode().put("programID", program).put("eventName", run + "-" + i);
            e.putObject("intervalPeriod").put("start", java.time.Instant.parse("2030-01-01T00:00:00Z")
                    .plus(Duration.ofDays(i)).toString()).put("duration", "PT1H");
            e.putArray("intervals").addObject().put("id", 0).putArray("payloads").addObject().put("type", "SIMPLE")
                    .putArray("values").add(1);
            ids.add(api.post(bl, "/events", e).path("id").asText());
        }
        return ids;
    }

    private int load(PrintWriter out, Oadr3BenchApi api, String token, BenchSupport.Admin adm, ServerCpu cpu)
            throws Exception {
        HttpRequest request = api.get(token, path);
        long capacity = Math.min(50_000_000L, 200_000L * Math.max(1, duration.toSeconds()));
        BenchSupport.Latencies latencies = new BenchSupport.Latencies((int) capacity);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicReference<String> sample = new AtomicReference<>();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureTo = measureFrom + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        long[] selfCpu;
        String serverSummary;
        try (BenchSupport.ServerSampler sampler = new BenchSupport.ServerSampler(adm);
             BenchSupport.Window window = new BenchSupport.Window(cpu, warmup, duration)) {
            for (int c = 0; c < connections; c++) {
                HttpClient http = api.newClient();
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < measureTo) {
                        long sent = System.nanoTime();
                        String err = null;
                        try {
                            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) {
                                err = r.statusCode() + " " + r.body();
                            } else {
                                sample.compareAndSet(null, r.body());
                            }
                        } catch (java.io.IOException e) {
                            err = e.toString();
                        } catch (InterruptedException e) {
                            return;
                        }
                        long now = System.nanoTime();
                        if (sent < measureFrom || now > measureTo) {
                            continue;
                        }
                        if (err == null) {
                            ok.incrementAndGet();
                            latencies.record(now - sent);
                        } else {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, err);
                        }
                    }
                }, "bench-oadr3-get-" + c);
                t.setDaemon(true);
                threads.add(t);
            }
            selfCpu = BenchSupport.cpuMark();
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join(warmup.plus(duration).plusSeconds(90).toMillis());
            }
            serverSummary = sampler.summary();
        }
        String body = sample.get();
        int count = body == null ? 0 : Oadr3BenchApi.JSON.readTree(body).size();
        out.printf(Locale.ROOT, "bench oadr3-get: GET %s as one VEN client, %d keep-alive connections, measured %s "
                + "after %s warm-up; answer %d bytes, %d objects%n", path, connections, duration, warmup,
                body == null ? 0 : body.length(), count);
        out.printf(Locale.ROOT, "requests/s %.1f (ok %d), errors %d%n", ok.get() / (duration.toNanos() / 1e9), ok.get(),
                errors.get());
        out.println("latency " + latencies.summary());
        if (firstError.get() != null) {
            String e = firstError.get();
            out.println("first error: " + e.substring(0, Math.min(300, e.length())));
        }
        out.println(serverSummary);
        out.println(cpu == null ? "server CPU per request: not measured (give --admin or --server-pid)"
                : cpu.perRequest(ok.get()));
        out.println(BenchSupport.selfUsage(selfCpu, "during the load"));
        out.flush();
        return errors.get() == 0 && ok.get() > 0 ? 0 : 1;
    }
}
