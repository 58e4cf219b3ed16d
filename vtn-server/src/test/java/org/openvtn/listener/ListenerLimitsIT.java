package org.openvtn.listener;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvtn.admin.AdminConfig;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.http.SepServer;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * Issue #12 item 9 (slow clients): on every listener (OpenADR 2.0b, IEEE 2030.5, admin) a request
 * whose body trickles in at 1 byte per second is cut off well before its body completes, while
 * other clients are still served; a request header above the limit is answered 431. Real TLS
 * sockets on 127.0.0.1, certificates from the test PKI, in-memory Derby.
 */
class ListenerLimitsIT {

    private static final String TOKEN = "listener-limits-token-0123456789";
    private static final int BODY = 600;
    private static TestPki pki;
    private static VtnServer vtn;
    private static VtnCore sepCore;
    private static SepServer sep;
    private static ScheduledExecutorService trickle;

    @BeforeAll
    static void start() {
        pki = TestPki.shared();
        ListenerLimits limits = ListenerLimits.builder().requestHeaderBytes(4096).build();
        vtn = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0)
                .inMemory("limits" + UUID.randomUUID().toString().replace("-", ""))
                .tls(pki.oadrServerConfig().build()).limits(limits)
                .admin(AdminConfig.builder().port(0).token(TOKEN).limits(limits).build()).build());
        sepCore = VtnCore.open(CoreConfig.builder().inMemory("limitsep" + UUID.randomUUID().toString()
                .replace("-", "")).build());
        sep = SepServer.start(SepConfig.builder().tls(pki.sepServerConfig().build())
                .codec(SepCodec.create(new PublishedSchemas())).host("127.0.0.1").port(0).limits(limits).build(),
                sepCore);
        trickle = Executors.newScheduledThreadPool(2);
    }

    @AfterAll
    static void stop() {
        trickle.shutdownNow();
        vtn.close();
        sep.close();
        sepCore.close();
    }

    /**
     * Issue #12 item 9: headers sent at once, then the body at 1 byte/s: the connection is closed
     * (or answered 408) long before the body completes; a normal client is served meanwhile.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"oadr", "sep", "admin"})
    void tricklingBodyCutOff(String listener) throws Exception {
        AtomicInteger sent = new AtomicInteger();
        try (Socket s = open(listener)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head(listener, "POST", "Content-Length: " + BODY + "\r\nContent-Type: "
                    + contentType(listener) + "\r\n"));
            out.flush();
            trickle.scheduleAtFixedRate(() -> {
                try {
                    if (sent.get() < BODY) {
                        out.write('x');
                        out.flush();
                        sent.incrementAndGet();
                    }
                } catch (IOException closed) {
                    throw new IllegalStateException("closed by the server", closed); // ends the schedule
                }
            }, 0, 1, TimeUnit.SECONDS);

            String normal = exchange(listener, head(listener, "GET", ""));
            assertTrue(normal.startsWith("HTTP/1.1 "), "a normal client is served meanwhile: " + normal);

            String answer;
            try {
                answer = readAll(s.getInputStream());
            } catch (SocketTimeoutException e) {
                fail("the slow request still holds its connection after 30 s (" + sent.get() + " bytes sent)");
                return;
            } catch (IOException reset) {
                answer = "";
            }
            assertTrue(sent.get() < BODY / 10, "cut off after " + sent.get() + " of " + BODY + " bytes");
            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 408") || answer.startsWith("HTTP/1.1 400"),
                    answer);
        }
    }

    /** Issue #12 item 9: a request header above {@code requestHeaderBytes} is answered 431. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"oadr", "sep", "admin"})
    void oversizedHeaderRefused(String listener) throws Exception {
        String big = "X-Padding: " + "a".repeat(6000) + "\r\n";
        String answer = exchange(listener, head(listener, "GET", big));
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
    }

    private static byte[] head(String listener, String method, String extra) {
        String path = switch (listener) {
            case "oadr" -> vtn.oadrBaseUri().getPath() + "EiEvent";
            case "sep" -> "/edev";
            default -> method.equals("POST") ? "/api/v1/programs" : "/api/v1/vens";
        };
        return (method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer " + TOKEN + "\r\n"
                + extra + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String contentType(String listener) {
        return switch (listener) {
            case "sep" -> "application/sep+xml";
            case "admin" -> "application/json";
            default -> "application/xml";
        };
    }

    private static String exchange(String listener, byte[] request) throws Exception {
        try (Socket s = open(listener)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            return readAll(s.getInputStream());
        }
    }

    private static Socket open(String listener) throws Exception {
        switch (listener) {
            case "oadr": {
                SSLContext ctx = TlsFactory.of(pki.oadrClientConfig(pki.venEcc()).build()).clientSslContext();
                return ctx.getSocketFactory().createSocket("127.0.0.1", vtn.oadrPort());
            }
            case "sep": {
                SSLContext ctx = TlsFactory.of(pki.sepClientConfig(pki.device()).hostnameVerification(false).build())
                        .clientSslContext();
                return ctx.getSocketFactory().createSocket("127.0.0.1", sep.port());
            }
            default:
                return new Socket("127.0.0.1", vtn.adminPort().orElseThrow());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[4096];
        for (int n; (n = in.read(b)) >= 0; ) {
            buf.write(b, 0, n);
            if (buf.size() > 12 && buf.toString(StandardCharsets.US_ASCII).contains("\r\n\r\n")
                    && !buf.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 2")) {
                break; // an error status is all the test needs
            }
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }

}
