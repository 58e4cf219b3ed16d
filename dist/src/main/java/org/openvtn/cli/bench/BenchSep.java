package org.openvtn.cli.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.sep.DERProgramList;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.FunctionSetAssignmentsList;
import org.openvtn.schemas.sep.SFDIType;
import org.openvtn.schemas.sep.TimeType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openvtn bench sep}: IEEE 2030.5 GET throughput and latency with C mutual-TLS clients on keep-alive
 * connections (TLS 1.2, CCM_8), each a CSIP device issued from the PKI's MICA (issue 8, measurement 5).
 * Each client creates its EndDevice (POST /edev), discovers its DERControl list through
 * /edev/{e}/fsa -> DERProgramList, then GETs /dcap, /edev and the DERControl list in turn, closed loop.
 */
@Command(name = "sep", mixinStandardHelpOptions = true,
        description = {"IEEE 2030.5 GET /dcap, /edev and the DERControl list with C mutual-TLS CCM_8 clients (closed loop);",
                "reports GET/s and p50/p90/p99/max latency. Creates a program and a 24-interval event through --admin when none exists."})
final class BenchSep extends BenchCall {
    @Option(names = "--sep", required = true, paramLabel = "URL", description = "IEEE 2030.5 base URL, e.g. https://127.0.0.1:8444 (loopback only).")
    URI sep;

    @Option(names = "--pki", required = true, paramLabel = "DIR", description = "PKI of `openvtn pki init` / `openvtn dev`.")
    Path pki;

    @Option(names = "--clients", defaultValue = "100", paramLabel = "C", description = "Concurrent devices (default: ${DEFAULT-VALUE}, max 1000).")
    int clients;

    @Option(names = "--duration", defaultValue = "PT30S", paramLabel = "T", description = "Measured time (default: ${DEFAULT-VALUE}, max PT30M).")
    Duration duration;

    @Option(names = "--admin", paramLabel = "URL", description = "Admin API base (creates a program + event when the device sees none; server CPU/heap).")
    URI admin;

    @Option(names = "--admin-token", paramLabel = "FILE", description = "Admin bearer token file (default: PKI/../admin-token).")
    Path adminToken;

    @Option(names = "--paths", split = ",", defaultValue = "/dcap,/edev,derc", paramLabel = "PATH",
            description = "Paths each client GETs in turn (default: ${DEFAULT-VALUE}); `derc` is the client's "
                    + "/edev/{e}/derp/{p}/derc?s=0&l=24.")
    List<String> paths;

    @Option(names = "--warmup", defaultValue = "PT0S", paramLabel = "T",
            description = "Load before the measured window (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--server-pid", split = ",", paramLabel = "PID",
            description = "Read the server's CPU time from /proc/PID/stat of these processes and their children "
                    + "instead of --admin (the nginx baseline, bench/nginx).")
    List<Long> serverPids;

    @Option(names = "--static-server", description = "The server answers every GET with the same bytes (the nginx "
            + "baseline, bench/nginx): no EndDevice is created and nothing is discovered; `derc` is not allowed in --paths.")
    boolean staticServer;

    @Option(names = "--save-answer", paramLabel = "FILE",
            description = "Write the body of the last answer to the last of --paths to FILE (the bytes the nginx baseline serves).")
    Path saveAnswer;

    private final SepCodec codec = SepCodec.create(new PublishedSchemas());

    @Override
    Integer run() throws Exception {
        BenchSupport.requireLoopback(sep, "--sep");
        BenchSupport.requireCount("--clients", clients, 1000);
        BenchSupport.requireBounded("--duration", duration);
        BenchSupport.requireBounded("--warmup", warmup.isZero() ? Duration.ofSeconds(1) : warmup);
        if (staticServer && paths.contains("derc")) {
            throw new IllegalArgumentException("--paths: `derc` needs discovery, which --static-server skips; give the path");
        }
        for (String p : paths) {
            if (!p.equals("derc") && !p.startsWith("/")) {
                throw new IllegalArgumentException("--paths: " + p + " is neither `derc` nor an absolute path");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        BenchSupport.Admin adminApi = BenchSupport.Admin.of(admin, adminToken, pki);
        List<Credential> devices = BenchSupport.issueDevices(BenchSupport.sepIssuer(pki), "BENCH-SEP", clients);
        InetSocketAddress address = new InetSocketAddress(sep.getHost(), sep.getPort());

        // One client first, to find (or make) a DERControl list the others will read too.
        try (Client probe = new Client(codec, context(devices.get(0)), address, devices.get(0), !staticServer)) {
            if (!staticServer && probe.derControlPath() == null && adminApi != null) {
                String program = adminApi.createProgram("bench-sep-" + ProcessHandle.current().pid());
                StringBuilder intervals = new StringBuilder();
                for (int i = 0; i < 24; i++) {
                    intervals.append(i == 0 ? "" : ",").append("{\"duration\":\"PT1H\",\"value\":0.").append(5 + i % 5).append('}');
                }
                adminApi.createEvent("{\"programId\":\"" + program + "\",\"start\":\"2030-01-01T00:00:00Z\","
                        + "\"signals\":[{\"name\":\"LOAD_CONTROL\",\"type\":\"x-loadControlCapacity\",\"intervals\":["
                        + intervals + "]}],\"targets\":{\"all\":true},\"responseRequired\":\"always\"}");
            }
        }
        List<Client> all = new ArrayList<>();
        try {
            for (Credential d : devices) {
                Client c = new Client(codec, context(d), address, d, !staticServer);
                all.add(c);
                c.derControlPath(); // discovered now: by the time the load starts, the connection may have idled out
            }
            String derc = staticServer ? null : all.get(0).derControlPath();
            AtomicLong ok = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            String[] firstError = new String[1];
            BenchSupport.Latencies latencies = new BenchSupport.Latencies(50_000_000);
            java.util.concurrent.atomic.AtomicReference<byte[]> last = new java.util.concurrent.atomic.AtomicReference<>();
            long from = System.nanoTime() + warmup.toNanos();
            long end = from + duration.toNanos();
            CountDownLatch finished = new CountDownLatch(all.size());
            long start = from;
            String serverSummary;
            ServerCpu serverCpu = ServerCpu.of(serverPids == null || serverPids.isEmpty() ? adminApi : null, serverPids);
            try (BenchSupport.ServerSampler sampler = new BenchSupport.ServerSampler(adminApi);
                 BenchSupport.Window window = new BenchSupport.Window(serverCpu, warmup, duration)) {
                for (Client c : all) {
                    String[] mine = new String[paths.size()];
                    for (int k = 0; k < mine.length; k++) {
                        String p = paths.get(k);
                        mine[k] = !p.equals("derc") ? p : c.derControlPath() != null ? c.derControlPath() + "?s=0&l=24" : "/tm";
                    }
                    Thread t = new Thread(() -> {
                        try {
                            for (int i = 0; System.nanoTime() < end && i < 10_000_000; i++) {
                                long t0 = System.nanoTime();
                                try {
                                    Reply r = c.request("GET", mine[i % mine.length], null);
                                    if (r.status != 200) {
                                        throw new IOException("HTTP " + r.status + " for " + mine[i % mine.length]);
                                    }
                                    if (i % mine.length == mine.length - 1) {
                                        last.set(r.body);
                                    }
                                    if (t0 < from) {
                                        continue; // warm-up
                                    }
                                    latencies.record(System.nanoTime() - t0);
                                    ok.incrementAndGet();
                                } catch (IOException e) {
                                    // a connection that idled out while the fleet was set up fails its first GET
                                    if (t0 >= from && errors.getAndIncrement() == 0) {
                                        firstError[0] = e.toString();
                                    }
                                    c.reconnect();
                                }
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        } finally {
                            finished.countDown();
                        }
                    }, "bench-sep-client");
                    t.setDaemon(true);
                    t.start();
                }
                finished.await(warmup.plus(duration).toMillis() + 60_000, TimeUnit.MILLISECONDS);
                serverSummary = sampler.summary();
            }
            double secs = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "bench sep: %d clients (CCM_8, keep-alive), GET %s in turn for %s after %s warm-up%s%n",
                    clients, String.join(", ", paths), duration, warmup, staticServer ? "" : derc == null
                            ? " (derc: /tm, no DERControl list visible; pass --admin to create one)" : " (derc: " + derc + "?s=0&l=24)");
            out.printf(Locale.ROOT, "GET/s %.1f (ok %d in %.1f s), errors %d%n", ok.get() / secs, ok.get(), secs, errors.get());
            out.println("latency " + latencies.summary());
            if (firstError[0] != null) {
                out.println("first error: " + firstError[0]);
            }
            out.println(serverSummary);
            out.println(serverCpu == null ? "server CPU per request: not measured (give --admin or --server-pid)"
                    : serverCpu.perRequest(ok.get()));
            out.println(BenchSupport.selfUsage());
            if (saveAnswer != null && last.get() != null) {
                java.nio.file.Files.write(saveAnswer, last.get());
                out.println("last answer to " + paths.get(paths.size() - 1) + " (" + last.get().length + " bytes) written to " + saveAnswer);
            }
            out.flush();
            return errors.get() == 0 && ok.get() > 0 ? 0 : 1;
        } finally {
            for (Client c : all) {
                c.close();
            }
        }
    }

    private SSLContext context(Credential device) {
        return context(pki, device);
    }

    static SSLContext context(Path pki, Credential device) {
        return TlsFactory.of(TlsConfig.builder().profile(TlsProfile.IEEE_2030_5).credentials(device)
                .trustAnchorFile(BenchSupport.sercaFile(pki)).hostnameVerification(false).build()).clientSslContext();
    }


    record Reply(int status, String location, byte[] body) {
    }

    /** One device: a keep-alive HTTP/1.1 connection over mutual TLS and its EndDevice. */
    static final class Client implements AutoCloseable {
        private final SepCodec codec;
        private final SSLContext ctx;
        private final InetSocketAddress address;
        private final String edev;
        private SSLSocket socket;
        private InputStream in;
        private OutputStream os;
        private String dercPath;
        private boolean discovered;

        Client(SepCodec codec, SSLContext ctx, InetSocketAddress address, Credential device) throws IOException {
            this(codec, ctx, address, device, true);
        }

        /** @param enrol whether to create the EndDevice (POST /edev); false for a static server */
        Client(SepCodec codec, SSLContext ctx, InetSocketAddress address, Credential device, boolean enrol) throws IOException {
            this.codec = codec;
            this.ctx = ctx;
            this.address = address;
            reconnect();
            if (!enrol) {
                this.edev = null;
                this.discovered = true;
                return;
            }
            EndDevice e = new EndDevice();
            e.setLFDI(HexFormat.of().parseHex(SepIdentity.lfdi(device.certificate())));
            SFDIType s = new SFDIType();
            s.setValue(SepIdentity.sfdi(device.certificate()));
            e.setSFDI(s);
            e.setChangedTime(new TimeType());
            try {
                Reply r = request("POST", "/edev", codec.encode(e));
                // 409 + Location: the LFDI is registered already (CSIP-AUS S-ALL-51), e.g. by an earlier run
                if (r.status != 201 && r.status != 409 || r.location == null) {
                    throw new IOException("POST /edev answered " + r.status);
                }
                this.edev = URI.create(r.location).getPath();
            } catch (org.openvtn.schemas.XmlCodecException x) {
                throw new IOException(x.getMessage(), x);
            }
        }

        /** The EndDevice path ({@code /edev/{e}}) this client created. */
        String edev() {
            return edev;
        }

        /** {@code /edev/{e}/derp/{p}/derc} of the first program, or null when the device sees none. */
        String derControlPath() throws IOException {
            if (discovered) {
                return dercPath;
            }
            try {
                Reply fsa = request("GET", edev + "/fsa?l=1", null);
                FunctionSetAssignmentsList l = (FunctionSetAssignmentsList) codec.decode(fsa.body);
                if (!l.getFunctionSetAssignments().isEmpty()) {
                    String derp = l.getFunctionSetAssignments().get(0).getDERProgramListLink().getHref();
                    DERProgramList pl = (DERProgramList) codec.decode(request("GET", derp + "?l=1", null).body);
                    if (!pl.getDERProgram().isEmpty()) {
                        dercPath = pl.getDERProgram().get(0).getDERControlListLink().getHref();
                        discovered = true;
                    }
                }
            } catch (org.openvtn.schemas.XmlCodecException | ClassCastException x) {
                throw new IOException("discovery failed: " + x.getMessage(), x);
            }
            return dercPath;
        }

        void reconnect() throws IOException {
            close();
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
            s.connect(address, 5000);
            s.setSoTimeout(30_000);
            s.setTcpNoDelay(true);
            s.startHandshake();
            socket = s;
            in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            os = s.getOutputStream();
        }

        Reply request(String method, String path, byte[] body) throws IOException {
            StringBuilder h = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                    .append(address.getHostString()).append(':').append(address.getPort()).append("\r\nAccept: application/sep+xml\r\n");
            if (body != null) {
                h.append("Content-Type: application/sep+xml\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            h.append("\r\n");
            byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);
            if (body == null) {
                os.write(head);
            } else {
                byte[] all = new byte[head.length + body.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(body, 0, all, head.length, body.length);
                os.write(all);
            }
            os.flush();
            String status = line();
            if (status == null || !status.startsWith("HTTP/1.1 ")) {
                throw new IOException("bad status line: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            String location = null;
            for (String l; (l = line()) != null && !l.isEmpty(); ) {
                String lower = l.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(l.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("location:")) {
                    location = l.substring(9).trim();
                }
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            if (chunked) {
                for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; ) {
                    b.write(in.readNBytes(size));
                    line();
                }
                line();
            } else if (length > 0) {
                b.write(in.readNBytes((int) length));
            }
            return new Reply(code, location, b.toByteArray());
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c; (c = in.read()) != -1; ) {
                if (c == '\n') {
                    int n = sb.length();
                    return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
                }
                sb.append((char) c);
            }
            return sb.length() == 0 ? null : sb.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }
}
