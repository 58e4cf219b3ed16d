package org.openvtn.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openvtn.admin.AdminConfig;
import org.openvtn.admin.AdminTokens;
import org.openvtn.certs.pki.NegativePki;
import org.openvtn.certs.pki.PkiGenerator;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.notify.DeliveryPolicy;
import org.openvtn.sep.notify.NotificationTargets;
import org.openvtn.sep.http.SepServer;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openvtn dev}: a complete VTN on embedded defaults. On first start it creates the data directory, a dev
 * PKI and a Derby database; every start prints the URLs, the admin token and the certificate files a VEN uses.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Run a development VTN: OpenADR 2.0b and IEEE 2030.5 over mutual TLS, the admin API on 127.0.0.1, embedded Derby.",
                "First start creates DIR, a dev PKI in DIR/pki and the database; later starts reuse them (state survives).",
                "Stops gracefully on Ctrl-C / SIGTERM."})
final class DevCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "var/dev", converter = CliTypes.OutputDir.class,
            description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--oadr-port", paramLabel = "N", defaultValue = "8443", converter = CliTypes.Port.class,
            description = "OpenADR 2.0b listener port, 0 = any free port (default: ${DEFAULT-VALUE}).")
    int oadrPort;

    @Option(names = "--admin-port", paramLabel = "N", defaultValue = "8081", converter = CliTypes.Port.class,
            description = "Admin API port on 127.0.0.1, 0 = any free port (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--sep-port", paramLabel = "N", defaultValue = "8444", converter = CliTypes.PortOrOff.class,
            description = "IEEE 2030.5 (CSIP) listener port, 0 = any free port, -1 = off (default: ${DEFAULT-VALUE}).")
    int sepPort;

    @Option(names = "--oadr3-port", paramLabel = "N", defaultValue = "8445", converter = CliTypes.PortOrOff.class,
            description = "OpenADR 3.1 REST listener port (TLS, OAuth2 bearer tokens), 0 = any free port, -1 = off"
                    + " (default: ${DEFAULT-VALUE}).")
    int oadr3Port;

    @Option(names = "--mqtt", paramLabel = "URL",
            description = "OpenADR 3.1 MQTT notifier: publish every 3.1 notification to this broker, tcp://host:port"
                    + " or ssl://host:port (e.g. a local mosquitto: tcp://127.0.0.1:1883). Default: no MQTT.")
    String mqtt;

    @Option(names = "--sep-pen", paramLabel = "PEN", defaultValue = "32473",
            description = "IANA Private Enterprise Number ending every IEEE 2030.5 mRID (default ${DEFAULT-VALUE}, the"
                    + " documentation number; operators use their own).")
    long sepPen;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Bind address of the OpenADR listener (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--vens", paramLabel = "N", defaultValue = "3", converter = CliTypes.PositiveCount.class,
            description = "ECC VEN identities issued on first start (default: ${DEFAULT-VALUE}; one RSA VEN is issued too).")
    int vens;

    @Option(names = "--require-signatures",
            description = "Refuse unsigned OpenADR 2.0b payloads (XML signature required; answered 459).")
    boolean requireSignatures;

    @Option(names = "--sign-responses",
            description = "Sign every OpenADR 2.0b answer with the VTN key of the TLS session (XML signature).")
    boolean signResponses;

    @Option(names = "--allow-http-notify-loopback",
            description = "Also accept plain-http 2030.5 notificationURIs on loopback (127.0.0.0/8, ::1, localhost),"
                    + " for test harnesses with a plain-http notification sink. Development only: without it, and"
                    + " always in serve, notifications go over https with mutual TLS.")
    boolean allowHttpNotifyLoopback;

    @Option(names = "--sep-dns-sd",
            description = "Advertise the IEEE 2030.5 listener by DNS-SD over multicast DNS (_smartenergy._tcp with"
                    + " TXT dcap/https; IEEE 2030.5-2018 §6.5, CSIP COMM-001) on the interface of --host, for clients"
                    + " that only discover. Default: off.")
    boolean sepDnsSd;

    @Option(names = "--sep-no-in-band-registration",
            description = "Refuse 2030.5 EndDevice POSTs (403) from devices the operator did not provision through"
                    + " the admin API (POST /api/v1/sep/devices), for the optional CSIP-AUS S-OPT-01 procedure."
                    + " Default: devices register themselves in band.")
    boolean sepNoInBandRegistration;

    @Spec
    CommandSpec spec;

    /** The running dev VTN: OpenADR, admin and, unless turned off, IEEE 2030.5, connectors of one server. */
    record Running(VtnServer vtn) implements AutoCloseable {
        /** @return the 2030.5 listener, null when turned off */
        SepServer sep() {
            return vtn.sep().orElse(null);
        }

        @Override
        public void close() {
            vtn.close();
        }
    }

    @Override
    public Integer call() throws Exception {
        Running running = start();
        return Daemon.runUntilStopped(running);
    }

    /** Prepares the data directory (PKI, admin token, database) and starts the servers; prints the banner. */
    Running start() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        checkPorts();
        org.openvtn.certs.pki.SecretFiles.directory(data, "data directory"); // PKI keys, token, database
        Path pki = data.resolve("pki");
        char[] password = PkiGenerator.DEFAULT_PASSWORD.toCharArray();
        if (!Files.isRegularFile(pki.resolve(PkiGenerator.CA_FILE))) {
            out.println("openvtn dev: first start, writing a dev PKI to " + pki);
            out.flush();
            new PkiGenerator(PkiGenerator.Options.builder().ecVens(vens).rsaVens(1).devices(2).password(password).build())
                    .generate(pki);
        }
        if (!Files.isDirectory(pki.resolve(NegativePki.DIR))) {
            // Cheap (EC keys only); lets the sep-server suite's COMM-004 run against dev (docs/pki.md).
            NegativePki.write(pki, password, java.time.Instant.now());
        }
        String token = AdminTokens.loadOrCreate(data);
        SepConfig sep = sepPort < 0 ? null : SepConfig.builder()
                .tls(TlsConfig.builder().profile(TlsProfile.IEEE_2030_5)
                        .keyStore(pki.resolve("vtn/sep-server.p12"), password)
                        .trustAnchorFile(pki.resolve(PkiGenerator.SERCA_FILE)).build())
                .codec(devCodec())
                .host(host).port(sepPort).pen(sepPen).inBandRegistration(!sepNoInBandRegistration)
                // development: devices on this machine or the LAN may take notifications
                .delivery(DeliveryPolicy.builder().targets(allowHttpNotifyLoopback
                        ? NotificationTargets.any().withPlainHttpOnLoopback() : NotificationTargets.any()).build())
                .dnsSd(sepDnsSd ? org.openvtn.sep.http.SepDnsSd.Settings.on(null) : null)
                .build();
        VtnConfig config = VtnConfig.builder()
                .dataDir(data)
                .oadrHost(host)
                .oadrPort(oadrPort)
                .pki(pki, password)
                .requireSignatures(requireSignatures)
                .signResponses(signResponses)
                .admin(AdminConfig.builder().host("127.0.0.1").port(adminPort).token(token).build())
                // development: push VENs on this machine or the LAN may take pushes (issue #14)
                .push(org.openvtn.oadr20b.push.PushConfig.builder().allowAnyHost(true).build())
                .sep(sep)
                .build();
        if (mqtt != null && oadr3Port < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--mqtt needs the 3.1 listener"
                    + " (--oadr3-port is -1)");
        }
        if (oadr3Port >= 0) {
            // the 3.1 listener serves the VTN's own certificate; tokens, not client certificates, identify clients
            // webhooks in development: callbacks with a certificate of the dev PKI, or plain http on this machine
            var notifiers = org.openvtn.oadr3.notify.Oadr3NotifierConfig.defaults()
                    .withTrustAnchors(config.tls().trustAnchors()).withAllowHttpLoopback(true)
                    .withPrivateCallbacks(true); // development: VENs on this machine or the LAN
            if (mqtt != null) {
                try {
                    notifiers = notifiers.withMqtt(org.openvtn.oadr3.notify.Oadr3MqttConfig.of(mqtt));
                } catch (IllegalArgumentException e) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--mqtt " + mqtt + ": "
                            + e.getMessage());
                }
            }
            config = config.withOadr3(org.openvtn.oadr3.http.Oadr3Config.builder().tls(config.tls()).host(host)
                    .port(oadr3Port).tokenLifetime(java.time.Duration.ofHours(24)).notifiers(notifiers).build());
        }
        Running running = new Running(VtnServer.start(config));
        Oadr3DevClients.Tokens tokens = null;
        if (running.vtn().oadr3().isPresent()) {
            try {
                tokens = Oadr3DevClients.prepare(data, running.vtn().oadr3().get().services());
            } catch (java.io.IOException | RuntimeException e) {
                running.close();
                throw e;
            }
        }
        printBanner(out, running, pki, token);
        if (tokens != null) {
            String base = running.vtn().oadr3().get().baseUri();
            out.println("  OpenADR 3.1 VTN   " + base + "   (TLS; OAuth2: POST " + base + "/auth/token)");
            if (mqtt != null) {
                out.println("  3.1 MQTT          notifications published to " + mqtt + " (topics: GET " + base
                        + "/notifiers/mqtt/topics/events)");
            }
            out.println("  3.1 BL token      " + tokens.bl());
            out.println("  3.1 VEN token     " + tokens.ven());
            out.println("  3.1 tokens/keys   " + tokens.tokensFile() + " (24 h), clients " + Oadr3DevClients.BL + " / "
                    + Oadr3DevClients.VEN + " with secrets in " + tokens.clientsFile() + " (owner-only)");
            out.println("  BL_TOKEN=$(sed -n 's/^bl=//p' " + tokens.tokensFile() + ")");
            out.println("  curl --cacert " + pki.resolve(PkiGenerator.CA_FILE) + " -H \"Authorization: Bearer $BL_TOKEN\" "
                    + base + "/programs");
            out.flush();
        }
        return running;
    }

    /** Two listeners on one fixed port cannot both start; refused before the PKI is written. */
    private void checkPorts() {
        String clash = oadrPort != 0 && oadrPort == adminPort ? "--admin-port"
                : oadrPort != 0 && oadrPort == sepPort ? "--sep-port" : null;
        if (clash == null && adminPort != 0 && adminPort == sepPort) {
            clash = "--sep-port";
        }
        if (clash != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), clash + " "
                    + ("--admin-port".equals(clash) ? adminPort : sepPort) + ": port already given to another listener");
        }
        if (oadr3Port > 0 && (oadr3Port == oadrPort || oadr3Port == adminPort || oadr3Port == sepPort)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--oadr3-port " + oadr3Port
                    + ": port already given to another listener");
        }
    }

    private void printBanner(PrintWriter out, Running running, Path pki, String token) {
        VtnServer server = running.vtn();
        Path ven = pki.resolve("ven");
        String admin = server.adminBaseUri().orElse("(disabled)");
        out.println();
        out.println("OpenVTN dev VTN is running (Ctrl-C to stop). Data: " + data.toAbsolutePath());
        out.println("  OpenADR 2.0b VTN  " + server.oadrBaseUri() + "   (mutual TLS; vtnID " + server.config().vtnId() + ")");
        out.println("  Admin API         " + admin + "   (Authorization: Bearer <token>)");
        server.adminBaseUri().ifPresent(a -> out.println("  Operator console  " + a.replace("/api/v1", "/console/")
                + "   (asks for the admin token; docs/console.md)"));
        out.println("  Admin token       " + token + "   (also in " + data.resolve(AdminTokens.FILE_NAME) + ")");
        out.println("  Trust anchor      " + pki.resolve(PkiGenerator.CA_FILE));
        out.println("  VEN certificate   " + ven.resolve("ven-ecc-0001-chain.crt") + " + " + ven.resolve("ven-ecc-0001.key")
                + "   (PKCS#12: " + ven.resolve("ven-ecc-0001.p12") + ", password " + PkiGenerator.DEFAULT_PASSWORD + ")");
        if (running.sep() != null) {
            Path dev = pki.resolve("devices");
            out.println("  IEEE 2030.5       https://" + host + ":" + running.sep().port() + "/dcap   (mutual TLS, TLS 1.2"
                    + " ECDHE-ECDSA-AES128-CCM8; trust " + pki.resolve(PkiGenerator.SERCA_FILE) + ")");
            out.println("  Device cert       " + dev.resolve("device-0001-chain.crt") + " + " + dev.resolve("device-0001.key"));
        }
        out.println("  All identities    " + pki.resolve(PkiGenerator.IDENTITIES_FILE));
        out.println();
        out.println("Try it (see README):");
        out.println("  curl --cert " + ven.resolve("ven-ecc-0001-chain.crt") + " --key " + ven.resolve("ven-ecc-0001.key")
                + " --cacert " + pki.resolve(PkiGenerator.CA_FILE) + " -H 'Content-Type: application/xml' \\");
        out.println("       --data-binary @docs/examples/oadrQueryRegistration.xml " + server.oadrBaseUri() + "EiRegisterParty");
        out.flush();
    }

    /**
     * dev binds CSIP-AUS 1.3 when this build bundles its schemas (they sit beside sep.xsd's folder in the published
     * schemas the build verified); otherwise the 2030.5 listener is plain CSIP.
     */
    static SepCodec devCodec() {
        SepCodec codec = SepCodec.create(new PublishedSchemas());
        try {
            return codec.withCsipAus();
        } catch (IllegalStateException e) {
            System.err.println("openvtn dev: CSIP-AUS 1.3 not bound (" + e.getMessage() + "); serving plain CSIP");
            return codec;
        }
    }
}
