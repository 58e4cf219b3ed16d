package org.openvtn.cli.bench;

import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.PkiGenerator;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.core.EventSpec;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.sep.Subscription;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.http.SepServer;
import org.openvtn.sep.notify.DeliveryPolicy;
import org.openvtn.sep.notify.NotificationTargets;
import org.openvtn.sep.notify.DeliveryStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openvtn bench notify}: IEEE 2030.5 notification delivery (§5.6, CSIP CORE-018/019) with S subscribers
 * at R notifications/s (issue 8, measurement 5). Runs a 2030.5 server on an in-memory core in this process (its
 * delivery counters are read directly), S CCM_8 devices that create their EndDevice and subscribe to their
 * DERControlList over mutual TLS, and one CCM_8 notification listener presenting a device certificate. Events
 * for all devices are created at R/S per second, so each makes S notifications.
 */
@Command(name = "notify", mixinStandardHelpOptions = true,
        description = {"IEEE 2030.5 notifications: S subscribers to their DERControlList, events at R/S per second (R notifications/s),",
                "reports accepted, delivered, dropped and retried notifications (server counters) and what the listener received."})
final class BenchNotify extends BenchCall {
    @Option(names = "--pki", required = true, paramLabel = "DIR", description = "PKI of `openvtn pki init` / `openvtn dev` (vtn/sep-server.p12, MICA key).")
    Path pki;

    @Option(names = "--subscribers", defaultValue = "100", paramLabel = "S", description = "Subscribing devices (default: ${DEFAULT-VALUE}, max 1000).")
    int subscribers;

    @Option(names = "--rate", defaultValue = "2000", paramLabel = "R", description = "Notifications per second to cause (default: ${DEFAULT-VALUE}, max 100000).")
    int rate;

    @Option(names = "--duration", defaultValue = "PT10S", paramLabel = "T", description = "Load time (default: ${DEFAULT-VALUE}, max PT30M).")
    Duration duration;

    @Option(names = "--drain", defaultValue = "PT60S", paramLabel = "T", description = "Wait at most this long for deliveries to finish (default: ${DEFAULT-VALUE}).")
    Duration drain;
    @Override
    Integer run() throws Exception {
        BenchSupport.requireCount("--subscribers", subscribers, 1000);
        BenchSupport.requireCount("--rate", rate, 100_000);
        BenchSupport.requireBounded("--duration", duration);
        BenchSupport.requireBounded("--drain", drain);
        PrintWriter out = spec.commandLine().getOut();
        SepCodec codec = SepCodec.create(new PublishedSchemas());
        List<Credential> devices = BenchSupport.issueDevices(BenchSupport.sepIssuer(pki), "BENCH-NTF", subscribers + 1);
        AtomicLong received = new AtomicLong();
        Server listener = listener(devices.get(subscribers), received);
        String listenerUri = "https://127.0.0.1:" + ((ServerConnector) listener.getConnectors()[0]).getLocalPort() + "/n/";
        try (VtnCore core = VtnCore.open(CoreConfig.builder().inMemory("bench" + UUID.randomUUID().toString().replace("-", "")).build());
             SepServer sep = SepServer.start(SepConfig.builder()
                     .tls(TlsConfig.builder().profile(TlsProfile.IEEE_2030_5)
                             .keyStore(pki.resolve("vtn/sep-server.p12"), PkiGenerator.DEFAULT_PASSWORD.toCharArray())
                             .trustAnchorFile(BenchSupport.sercaFile(pki)).build())
                     .codec(codec).host("127.0.0.1").port(0).delivery(DeliveryPolicy.builder().targets(NotificationTargets.any()).build()).build(), core)) {
            String program = core.programs().create("bench-notify", "http://bench/notify").id();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", sep.port());
            List<BenchSep.Client> clients = new ArrayList<>();
            try {
                for (int i = 0; i < subscribers; i++) {
                    BenchSep.Client c = new BenchSep.Client(codec, BenchSep.context(pki, devices.get(i)), address, devices.get(i));
                    clients.add(c);
                    Subscription s = new Subscription();
                    s.setSubscribedResource(c.edev() + "/derp/" + program + "/derc");
                    s.setEncoding((short) 0);
                    s.setLevel("+S1");
                    s.setLimit(1);
                    s.setNotificationURI(listenerUri + i);
                    BenchSep.Reply r = c.request("POST", c.edev() + "/sub", codec.encode(s));
                    if (r.status() != 201) {
                        throw new IllegalStateException("subscription refused: HTTP " + r.status());
                    }
                }
            } finally {
                for (BenchSep.Client c : clients) {
                    c.close();
                }
            }
            double eventsPerSecond = (double) rate / subscribers;
            long step = (long) (1e9 / eventsPerSecond);
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long events = 0;
            Instant base = Instant.now().plus(Duration.ofDays(1));
            for (long due = start; due < end; due += step) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                // One-minute events two minutes apart: a program refuses overlapping events (2.0b rule 18).
                core.events().create(EventSpec.builder().programId(program).start(base.plusSeconds(events * 120))
                        .targets(Targets.everyone()).responseRequired(ResponseRequired.NEVER)
                        .signal("LOAD_CONTROL", "x-loadControlCapacity", null,
                                List.of(Map.entry(Duration.ofMinutes(1), 0.5))).build());
                events++;
            }
            double loadSecs = (System.nanoTime() - start) / 1e9;
            sep.processChanges();
            boolean drained = sep.awaitDeliveries(drain);
            double allSecs = (System.nanoTime() - start) / 1e9;
            DeliveryStats st = sep.deliveryStats();
            long expected = events * subscribers;
            out.printf(Locale.ROOT, "bench notify: %d subscribers (CCM_8), %d events in %.1f s = %.0f notifications/s caused (target %d/s)%n",
                    subscribers, events, loadSecs, expected / loadSecs, rate);
            out.printf(Locale.ROOT, "server: delivered %d, dropped %d, pending %d, retries %d; listener received %d of %d expected; "
                            + "all delivered after %.1f s (%s)%n", st.delivered(), st.dropped(), st.pending(), st.retries(),
                    received.get(), expected, allSecs, drained ? "drained" : "not drained within " + drain);
            out.printf(Locale.ROOT, "delivery rate %.0f notifications/s over the whole run%n", received.get() / allSecs);
            out.println(BenchSupport.selfUsage() + " (server, devices and listener share this process)");
            out.flush();
            return st.dropped() == 0 && received.get() == expected ? 0 : 1;
        } finally {
            listener.stop();
        }
    }

    /** The devices' notification endpoint: mutual TLS with the 2030.5 profile, counts every accepted POST. */
    private Server listener(Credential device, AtomicLong received) throws Exception {
        Server server = new Server();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        TlsFactory.of(TlsConfig.builder().profile(TlsProfile.IEEE_2030_5).credentials(device)
                .trustAnchorFile(BenchSupport.sercaFile(pki)).build()).configureJetty(ssl);
        HttpConfiguration http = new HttpConfiguration();
        http.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                try (InputStream in = Content.Source.asInputStream(request)) {
                    byte[] body = in.readAllBytes();
                    if (body.length > 0) {
                        received.incrementAndGet();
                    }
                }
                response.setStatus(204);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
                callback.succeeded();
                return true;
            }
        });
        server.start();
        return server;
    }
}
