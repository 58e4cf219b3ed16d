package org.openvtn.device;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openvtn.certs.testing.TestPki;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Program;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.http.SepServer;
import org.openvtn.sep.notify.DeliveryPolicy;
import org.openvtn.sep.notify.NotificationTargets;

/**
 * OpenVTN's own IEEE 2030.5 server for the device client's tests: real mutual TLS with CCM_8 on 127.0.0.1 (port 0 on
 * the first start, the same port after {@link #restart()}), certificates from the shared {@link TestPki}, a Derby
 * database in memory or in a directory (restart tests), notification listeners on loopback allowed.
 */
final class SepTestServer implements AutoCloseable {
    static final TestPki PKI = TestPki.shared();
    /** With CSIP-AUS 1.3 bound, as `openvtn dev` runs: the device must cope with the extension elements it serves. */
    static final SepCodec CODEC = SepCodec.create(new PublishedSchemas()).withCsipAus();

    private final Path dataDir;
    private final long pollRate;
    private final String memoryName = "device" + UUID.randomUUID().toString().replace("-", "");
    private int port;
    private org.eclipse.jetty.server.Server jetty;
    /** "METHOD path" of every request the server received, in order (the server-side wire record). */
    final java.util.Queue<String> requests = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** When set, the next GET /edev answers an empty EndDeviceList (a list read just before another registration). */
    final java.util.concurrent.atomic.AtomicBoolean staleEndDeviceListOnce = new java.util.concurrent.atomic.AtomicBoolean();
    VtnCore core;
    SepServer server;
    private final int ders;

    /**
     * @param dataDir  Derby directory, or null for an in-memory database
     * @param pollRate the pollRate the server advertises (s)
     */
    SepTestServer(Path dataDir, long pollRate) {
        this(dataDir, pollRate, 1);
    }

    /** As {@link #SepTestServer(Path, long)} with {@code ders} DERs in every EndDevice's DERList (MUL-01..03). */
    SepTestServer(Path dataDir, long pollRate, int ders) {
        this.dataDir = dataDir;
        this.pollRate = pollRate;
        this.ders = ders;
        open();
    }

    private void open() {
        CoreConfig.Builder cb = CoreConfig.builder().clock(Clock.systemUTC());
        if (dataDir == null) {
            cb.inMemory(memoryName);
        } else {
            cb.dataDir(dataDir);
        }
        core = VtnCore.open(cb.build());
        SepConfig cfg = SepConfig.builder().tls(PKI.sepServerConfig().build()).codec(CODEC)
                .clock(Clock.systemUTC()).host("127.0.0.1").port(port).pollRate(pollRate).dersPerEndDevice(ders)
                .delivery(DeliveryPolicy.defaults().withTargets(NotificationTargets.publicOnly(List.of("127.0.0.0/8"))))
                .build();
        jetty = new org.eclipse.jetty.server.Server(cfg.limits().threadPool("ieee2030.5"));
        server = SepServer.mount(jetty, cfg, SepServer.services(cfg, core));
        jetty.setHandler(new org.eclipse.jetty.server.Handler.Wrapper(server.handler()) {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  org.eclipse.jetty.util.Callback callback) throws Exception {
                String path = org.eclipse.jetty.server.Request.getPathInContext(request);
                requests.add(request.getMethod() + " " + path);
                if ("GET".equals(request.getMethod()) && "/edev".equals(path)
                        && staleEndDeviceListOnce.compareAndSet(true, false)) {
                    response.getHeaders().put("Content-Type", SepCodec.CONTENT_TYPE);
                    response.write(true, java.nio.ByteBuffer.wrap(("<EndDeviceList xmlns=\"" + SepCodec.NAMESPACE
                            + "\" href=\"/edev\" subscribable=\"1\" all=\"0\" results=\"0\" pollRate=\"" + pollRate
                            + "\"/>").getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
                    return true;
                }
                return super.handle(request, response, callback);
            }
        });
        jetty.setErrorHandler(SepServer::bodilessError);
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start", e);
        }
        port = server.port();
    }

    /** Stops the server and the core, then starts both again on the same port (and database directory). */
    void restart() {
        stop();
        open();
    }

    /** Stops the listener and the core (a server that is down). */
    void stop() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        core.close();
    }

    String dcapUrl() {
        return "https://127.0.0.1:" + port + "/dcap";
    }

    int port() {
        return port;
    }

    Program program(String name) {
        return core.programs().create(name, "http://example.com/" + name);
    }

    /** A LOAD_DISPATCH setpoint event (DERControl opModTargetW, kW) for one device, one interval. */
    Event targetW(Program p, String lfdi, Instant start, Duration duration, double kW) {
        return core.events().create(EventSpec.builder().programId(p.id()).start(start).targets(Targets.vens(lfdi))
                .responseRequired(ResponseRequired.ALWAYS)
                .signal("LOAD_DISPATCH", "setpoint", "kW", List.of(Map.entry(duration, kW))).build());
    }

    @Override
    public void close() {
        stop();
    }
}
