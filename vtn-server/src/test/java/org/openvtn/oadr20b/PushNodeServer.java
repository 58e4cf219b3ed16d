package org.openvtn.oadr20b;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.openvtn.admin.AdminConfig;
import org.openvtn.certs.pki.PkiGenerator;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.oadr20b.push.PushConfig;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;
import org.openvtn.store.DatabaseConfig;

/**
 * One VTN node that {@link PushNodesKillIT} runs in a JVM of its own (so it can be killed with SIGKILL): OpenADR 2.0b
 * with push and the admin API on a PostgreSQL database shared with other nodes, as {@code openvtn serve} assembles
 * them. Arguments: PKI directory, JDBC URL, user, password, admin token file. Binds ports 0 and prints
 * {@code READY <oadrPort> <adminPort>}; runs until killed.
 */
public final class PushNodeServer {
    /** Push lease of the test nodes: short, so a killed node's pushes are taken over within seconds, yet long enough
     * that a live node on a loaded machine (CI) keeps its leases, which a one-second lease did not (load 35 on 2 cores). */
    static final Duration LEASE = Duration.ofSeconds(5);

    private PushNodeServer() {
    }

    public static void main(String[] args) throws Exception {
        Path pki = Path.of(args[0]);
        char[] password = PkiGenerator.DEFAULT_PASSWORD.toCharArray();
        VtnServer vtn = VtnServer.start(VtnConfig.builder().inMemory(null)
                .database(DatabaseConfig.postgres(args[1], args[2], args[3].isEmpty() ? null : args[3], 4))
                .oadrHost("127.0.0.1").oadrPort(0)
                .tls(TlsConfig.builder().profile(TlsProfile.OPENADR_20B).keyStore(pki.resolve("vtn/vtn.p12"), password)
                        .trustAnchorFile(pki.resolve(PkiGenerator.CA_FILE)).build())
                .push(PushConfig.builder().allowAnyHost(true).initialBackoff(Duration.ofMillis(50))
                        .maxBackoff(Duration.ofMillis(200)).handshakeTimeout(Duration.ofSeconds(2))
                        .requestTimeout(Duration.ofSeconds(3)).lease(LEASE).build())
                .admin(AdminConfig.builder().host("127.0.0.1").port(0)
                        .token(Files.readString(Path.of(args[4]), StandardCharsets.UTF_8).strip()).build())
                .build());
        System.out.println("READY " + vtn.port() + " " + vtn.adminPort().orElseThrow());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
