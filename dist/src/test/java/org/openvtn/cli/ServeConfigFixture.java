package org.openvtn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.pki.PkiGenerator;

/**
 * What the tests of the production configuration file share: a generated PKI (one OpenADR VTN certificate, one
 * 2030.5 server certificate and device) in a temporary folder, a complete file ({@link #GOOD}), a {@code sep} section
 * ({@link #SEP}), and {@link #write} to put a variant beside them.
 */
abstract class ServeConfigFixture {

    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() throws Exception {
        new PkiGenerator(PkiGenerator.Options.builder().ecVens(0).rsaVens(0).devices(1).build()).generate(dir.resolve("pki"));
        Files.writeString(dir.resolve("p12.pass"), PkiGenerator.DEFAULT_PASSWORD + "\n");
    }

    /** @return {@code yaml} written to {@code name} in the test folder */
    static Path write(String name, String yaml) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    /** A complete file: OpenADR 2.0b listener and admin API. */
    static final String GOOD = """
            dataDir: data
            vtnId: UTILITY-VTN
            oadr:
              host: 127.0.0.1
              port: 0
              pollFreq: PT30S
              keyStore: pki/vtn/vtn.p12
              keyStorePasswordFile: p12.pass
              trustAnchors: pki/ca.crt
              crl: pki/ca/oadr-intermediate.crl
            admin:
              port: 0
            """;

    /** A complete {@code sep} section: the IEEE 2030.5 listener. */
    static final String SEP = """
            sep:
              host: 127.0.0.1
              port: 0
              keyStore: pki/vtn/sep-server.p12
              keyStorePasswordFile: p12.pass
              trustAnchors: pki/serca.crt
              pen: 12345
              pollRate: 300
              zone: Australia/Sydney
              validateResponses: false
            """;
}
