package org.openvtn.sep;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.openvtn.certs.pki.PkiGenerator;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.http.SepServer;
import org.openvtn.sep.notify.DeliveryPolicy;
import org.openvtn.store.DatabaseConfig;

/**
 * One 2030.5 node that {@link SepNodesKillIT} runs in a JVM of its own (so it can be killed with SIGKILL): the IEEE
 * 2030.5 listener with its notifier on a PostgreSQL database shared with other nodes. Arguments: PKI directory
 * ({@code TestPki}), JDBC URL, user, password. Binds port 0 and prints {@code READY <port>}; runs until killed.
 */
public final class SepNodeServer {
    /** Delivery lease of the test nodes: short, so a killed node's rows are taken over within seconds, yet long
     * enough for a live node on a loaded machine to renew it (as {@code PushNodeServer.LEASE}). */
    static final Duration LEASE = Duration.ofSeconds(5);

    private SepNodeServer() {
    }

    public static void main(String[] args) throws Exception {
        VtnCore core = VtnCore.open(CoreConfig.builder()
                .database(DatabaseConfig.postgres(args[1], args[2], args[3].isEmpty() ? null : args[3], 4)).build());
        SepServer server = start(core, Path.of(args[0]), LEASE);
        System.out.println("READY " + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** Starts a 2030.5 node on {@code core} (loopback listeners only, short backoff) with delivery lease {@code lease}. */
    static SepServer start(VtnCore core, Path pki, Duration lease) {
        return SepServer.start(SepConfig.builder().tls(TlsConfig.builder().profile(TlsProfile.IEEE_2030_5)
                        .keyStore(pki.resolve("vtn/sep-server.p12"), PkiGenerator.DEFAULT_PASSWORD.toCharArray())
                        .trustAnchorFile(pki.resolve(PkiGenerator.SERCA_FILE)).build())
                .codec(SepCodec.create(new PublishedSchemas())).host("127.0.0.1").port(0)
                .delivery(DeliveryPolicy.builder().targets(SepFixture.LOOPBACK).lease(lease)
                        .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(500))
                        .requestTimeout(Duration.ofSeconds(60)).build())
                .build(), core);
    }
}
