package org.openvtn.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;

import org.openvtn.certs.identity.CertificateIdentity;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.GeneratedPki;
import org.openvtn.certs.pki.NegativePki;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.certs.pki.PkiGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openvtn pki}: generate a development/test PKI and inspect certificates. */
@Command(name = "pki", mixinStandardHelpOptions = true,
        description = "Development/test PKI for OpenADR 2.0b and IEEE 2030.5 (see docs/pki.md).",
        subcommands = {PkiCommand.Init.class, PkiCommand.Show.class})
public final class PkiCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code openvtn pki init}. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Write a complete dev PKI (CAs, VTN, VEN and 2030.5 device identities) to a directory.")
    static final class Init implements Callable<Integer> {
        @Option(names = "--dir", required = true, converter = CliTypes.OutputDir.class, description = "Output directory (created if missing).")
        Path dir;

        @Option(names = "--ven", defaultValue = "1", converter = CliTypes.Count.class, description = "Number of ECC P-256 VEN identities (default ${DEFAULT-VALUE}).")
        int vens;

        @Option(names = "--ven-rsa", defaultValue = "1", converter = CliTypes.Count.class, description = "Number of RSA 2048 VEN identities (default ${DEFAULT-VALUE}).")
        int rsaVens;

        @Option(names = "--devices", defaultValue = "1", converter = CliTypes.Count.class, description = "Number of IEEE 2030.5 device identities (default ${DEFAULT-VALUE}).")
        int devices;

        @Option(names = "--password", defaultValue = PkiGenerator.DEFAULT_PASSWORD, arity = "1",
                description = "PKCS#12 password (default ${DEFAULT-VALUE}).")
        String password;

        @Option(names = "--negative", description = "Also write the deliberately bad certificates to DIR/bad/"
                + " (rejection matrix: OpenADR expired/unknown CA/revoked/...; CSIP COMM-004 device chains).")
        boolean negative;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            GeneratedPki pki = new PkiGenerator(PkiGenerator.Options.builder().ecVens(vens).rsaVens(rsaVens)
                    .devices(devices).password(password.toCharArray()).build()).generate(dir);
            System.out.printf("wrote %d identities to %s in %d ms; see %s%n", pki.names().size(), dir,
                    (System.nanoTime() - start) / 1_000_000, dir.resolve(PkiGenerator.IDENTITIES_FILE));
            if (negative) {
                NegativePki bad = NegativePki.write(pki, java.time.Instant.now());
                System.out.printf("wrote %d negative-test identities to %s%n", bad.credentials().size(), bad.dir());
            }
            return 0;
        }
    }

    /** {@code openvtn pki show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print subject, issuer, validity, OpenADR fingerprint, LFDI and SFDI of each certificate in a PEM/DER file.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "CERT", converter = CliTypes.InputFile.class, description = "Certificate file (PEM or DER; every certificate is shown).")
        Path file;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<X509Certificate> certs;
            try {
                certs = PemFiles.readCertificates(file);
            } catch (org.openvtn.certs.pki.PkiException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "CERT " + file
                        + ": no certificate found (a PEM or DER X.509 file is expected)");
            }
            for (X509Certificate c : certs) {
                CertificateIdentity id = CertificateIdentity.of(c);
                System.out.println("subject:          " + (id.subject().isEmpty() ? "(empty)" : id.subject()));
                System.out.println("issuer:           " + c.getIssuerX500Principal().getName());
                System.out.println("serial:           " + c.getSerialNumber().toString(16));
                System.out.println("not before:       " + c.getNotBefore().toInstant());
                System.out.println("not after:        " + c.getNotAfter().toInstant());
                System.out.println("key:              " + c.getPublicKey().getAlgorithm() + ", " + c.getSigAlgName());
                System.out.println("oadr fingerprint: " + id.oadrFingerprint());
                System.out.println("sha256:           " + SepIdentity.fingerprintHex(c));
                System.out.println("lfdi:             " + id.lfdi());
                System.out.println("sfdi:             " + id.sfdi());
                if (certs.size() > 1) {
                    System.out.println();
                }
            }
            return 0;
        }
    }
}
