package org.openvtn.oadr20b;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.openvtn.admin.AdminConfig;
import org.openvtn.certs.pki.PkiGenerator;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.http.SepServer;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * The VTN that {@link CrashSafetyIT} kills with SIGKILL: OpenADR 2.0b, the admin API and IEEE 2030.5 on one Derby
 * database, as {@code openvtn serve} assembles them, in a JVM of its own. Arguments: data directory, PKI directory,
 * OpenADR port, admin port, 2030.5 port, admin token file. Runs until killed.
 */
public final class CrashSafetyServer {
    private CrashSafetyServer() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path pki = Path.of(args[1]);
        char[] password = PkiGenerator.DEFAULT_PASSWORD.toCharArray();
        VtnServer vtn = VtnServer.start(VtnConfig.builder().dataDir(data)
                .oadrHost("127.0.0.1").oadrPort(Integer.parseInt(args[2]))
                .tls(TlsConfig.builder().profile(TlsProfile.OPENADR_20B).keyStore(pki.resolve("vtn/vtn.p12"), password)
                        .trustAnchorFile(pki.resolve(PkiGenerator.CA_FILE)).build())
                .admin(AdminConfig.builder().host("127.0.0.1").port(Integer.parseInt(args[3]))
                        .token(Files.readString(Path.of(args[5]), StandardCharsets.UTF_8).strip()).build())
                .build());
        SepServer sep = SepServer.start(SepConfig.builder().host("127.0.0.1").port(Integer.parseInt(args[4]))
                .tls(TlsConfig.builder().profile(TlsProfile.IEEE_2030_5)
                        .keyStore(pki.resolve("vtn/sep-server.p12"), password)
                        .trustAnchorFile(pki.resolve(PkiGenerator.SERCA_FILE)).build())
                .codec(SepCodec.create(new PublishedSchemas())).build(), vtn.core());
        // ports are bound on 0 by the caller's choice: the IT reads the bound ones from this line
        System.out.println("READY " + vtn.port() + " " + vtn.adminPort().orElseThrow() + " " + sep.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
