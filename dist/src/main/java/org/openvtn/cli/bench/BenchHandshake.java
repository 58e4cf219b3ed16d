package org.openvtn.cli.bench;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openvtn bench handshake}: new mutual-TLS connections per second (full handshakes, sessions are never
 * resumed) for the OpenADR 2.0b RSA and ECDSA suites and the IEEE 2030.5 CCM_8 suite (issue 8, measurement 4).
 */
@Command(name = "handshake", mixinStandardHelpOptions = true,
        description = {"New mutual-TLS connections/s (full TLS 1.2 handshakes, no resumption) per suite:",
                "OpenADR TLS_RSA_WITH_AES_128_CBC_SHA256 and TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 against --vtn,",
                "IEEE 2030.5 TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 against --sep."})
final class BenchHandshake extends BenchCall {
    static final String RSA = "TLS_RSA_WITH_AES_128_CBC_SHA256";
    static final String ECDSA = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
    static final String CCM8 = "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8";

    @Option(names = "--vtn", paramLabel = "URL", description = "OpenADR 2.0b URL (loopback only); omit to skip the OpenADR suites.")
    URI vtn;

    @Option(names = "--sep", paramLabel = "URL", description = "IEEE 2030.5 URL, e.g. https://127.0.0.1:8444 (loopback only); omit to skip CCM_8.")
    URI sep;

    @Option(names = "--pki", required = true, paramLabel = "DIR", description = "PKI of `openvtn pki init` / `openvtn dev` (issues the client identities).")
    Path pki;

    @Option(names = "--duration", defaultValue = "PT10S", paramLabel = "T", description = "Time per suite (default: ${DEFAULT-VALUE}, max PT30M).")
    Duration duration;

    @Option(names = "--threads", defaultValue = "4", paramLabel = "N", description = "Concurrent connecting threads (default: ${DEFAULT-VALUE}, max 256).")
    int threads;

    @Option(names = "--max-connections", defaultValue = "1000000", paramLabel = "N", description = "Stop a suite after N connections (default: ${DEFAULT-VALUE}).")
    int maxConnections;
    @Override
    Integer run() throws Exception {
        BenchSupport.requireBounded("--duration", duration);
        BenchSupport.requireCount("--threads", threads, 256);
        BenchSupport.requireCount("--max-connections", maxConnections, 10_000_000);
        if (vtn == null && sep == null) {
            throw new IllegalArgumentException("give --vtn and/or --sep");
        }
        PrintWriter out = spec.commandLine().getOut();
        int failures = 0;
        if (vtn != null) {
            BenchSupport.requireLoopback(vtn, "--vtn");
            var ca = BenchSupport.oadrIssuer(pki);
            Credential rsa = BenchSupport.issueRsaVen(ca, "bench-handshake-rsa");
            Credential ecc = BenchSupport.issueVens(ca, "bench-handshake-ecc", 1).get(0);
            failures += run(out, RSA, oadrContext(rsa), vtn);
            failures += run(out, ECDSA, oadrContext(ecc), vtn);
        }
        if (sep != null) {
            BenchSupport.requireLoopback(sep, "--sep");
            Credential device = BenchSupport.issueDevices(BenchSupport.sepIssuer(pki), "BENCH-HS", 1).get(0);
            failures += run(out, CCM8, BenchSep.context(pki, device), sep); // the bench sep devices' context
        }
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    private SSLContext oadrContext(Credential c) {
        return TlsFactory.of(TlsConfig.builder().profile(TlsProfile.OPENADR_20B).strict(true).credentials(c)
                .trustAnchorFile(BenchSupport.caFile(pki)).hostnameVerification(false).build()).clientSslContext();
    }

    /** One suite: {@code threads} loops of connect + full handshake + close, for the duration. */
    private int run(PrintWriter out, String suite, SSLContext ctx, URI target) throws InterruptedException {
        InetSocketAddress address = new InetSocketAddress(target.getHost(), target.getPort());
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong budget = new AtomicLong(maxConnections);
        String[] firstError = new String[1];
        BenchSupport.Latencies latencies = new BenchSupport.Latencies(maxConnections);
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                while (System.nanoTime() < end && budget.getAndDecrement() > 0) {
                    long t0 = System.nanoTime();
                    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
                        s.setTcpNoDelay(true); // as a Netty VEN does; otherwise Nagle + delayed ACK add ~40 ms
                        s.connect(address, 5000);
                        s.setSoTimeout(10_000);
                        s.setEnabledProtocols(new String[] {"TLSv1.2"});
                        s.setEnabledCipherSuites(new String[] {suite});
                        s.startHandshake();
                        String negotiated = s.getSession().getCipherSuite();
                        s.getSession().invalidate(); // never resume: every connection is a full handshake
                        if (!suite.equals(negotiated)) {
                            throw new IllegalStateException("negotiated " + negotiated);
                        }
                        latencies.record(System.nanoTime() - t0);
                        done.incrementAndGet();
                    } catch (Exception e) {
                        if (failed.getAndIncrement() == 0) {
                            firstError[0] = e.toString();
                        }
                    }
                }
            }, "bench-handshake-" + t);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join(duration.toMillis() + 30_000);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "bench handshake %s: %.1f connections/s (%d in %.1f s, %d threads), failures %d, handshake %s%n",
                suite, done.get() / secs, done.get(), secs, threads, failed.get(), latencies.summary());
        if (firstError[0] != null) {
            out.println("  first failure: " + firstError[0]);
        }
        out.println("  " + BenchSupport.selfUsage());
        out.flush();
        return failed.get() == 0 && done.get() > 0 ? 0 : 1;
    }
}
