package org.openvtn.oadr20b;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.testing.MutableClock;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * A real VTN on 127.0.0.1, port 0, mutual TLS with the shared test PKI, plus a factory of scripted
 * VENs, each with its own freshly issued ECC certificate (so tests do not share identities).
 */
final class OadrHarness implements AutoCloseable {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final OadrCodec CODEC = OadrCodec.create(new PublishedSchemas());

    final TestPki pki = TestPki.shared();
    final MutableClock clock = new MutableClock(T0);
    private final Path dataDir;
    private final java.util.function.UnaryOperator<VtnConfig.Builder> custom;
    VtnServer server;

    private OadrHarness(Path dataDir) {
        this(dataDir, b -> b);
    }

    private OadrHarness(Path dataDir, java.util.function.UnaryOperator<VtnConfig.Builder> custom) {
        this.dataDir = dataDir;
        this.custom = custom;
        start();
    }

    /** A VTN with extra settings (file-backed when {@code dataDir} is set, else in memory). */
    static OadrHarness with(Path dataDir, java.util.function.UnaryOperator<VtnConfig.Builder> custom) {
        return new OadrHarness(dataDir, custom);
    }

    /** In-memory VTN with extra configuration (e.g. small storage quotas). */
    static OadrHarness inMemory(java.util.function.Consumer<VtnConfig.Builder> customizer) {
        return new OadrHarness(null, b -> {
            customizer.accept(b);
            return b;
        });
    }

    /** In-memory VTN. */
    static OadrHarness inMemory() {
        return new OadrHarness(null);
    }

    /** File-backed VTN (restart tests). */
    static OadrHarness onDisk(Path dataDir) {
        return new OadrHarness(dataDir);
    }

    /** A VTN whose state is in PostgreSQL (issue #19); {@link #start()} again reopens the same database. */
    static OadrHarness onPostgres(org.openvtn.store.DatabaseConfig database) {
        return new OadrHarness(null, b -> b.database(database).inMemory(null));
    }

    /** (Re)starts the server on the same data. */
    void start() {
        VtnConfig.Builder b = VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0).clock(clock)
                .tls(pki.oadrServerConfig().build()).nearWindow(Duration.ofMinutes(30));
        if (dataDir != null) {
            b.dataDir(dataDir);
        } else {
            b.inMemory("oadr" + NAMES.incrementAndGet());
        }
        server = VtnServer.start(custom.apply(b).build());
    }

    /** Stops the server (the data stays). */
    void stop() {
        server.close();
    }

    /** The codec the scripted VENs use to validate every response. */
    static OadrCodec codec() {
        return CODEC;
    }

    /** A VEN with a fresh ECC certificate issued by the OpenADR intermediate CA. */
    ScriptedVen newVen() {
        String name = "it-ven-" + NAMES.incrementAndGet();
        KeyPair k = new KeyPairs().ecP256();
        Credential c = pki.pki().authority("oadr-intermediate").issue(name,
                CertificateProfiles.oadrClient(name, k.getPublic(), Instant.now()).build(), k.getPrivate());
        return ven(c);
    }

    /** A VEN presenting the given credential. */
    ScriptedVen ven(Credential credential) {
        return new ScriptedVen(server.oadrBaseUri().toString().replace("localhost", "127.0.0.1"),
                TlsFactory.of(pki.oadrClientConfig(credential).build()).clientSslContext(), CODEC, credential);
    }

    @Override
    public void close() {
        server.close();
    }
}
