package org.openvtn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openvtn.ven.DrEvent;
import org.openvtn.ven.FileRegistrationStore;
import org.openvtn.ven.Reading;
import org.openvtn.ven.ReportCapability;
import org.openvtn.ven.ReportName;
import org.openvtn.ven.TelemetrySource;
import org.openvtn.ven.VenClient;
import org.openvtn.ven.VenClientBuilder;
import org.openvtn.ven.VenException;
import org.openvtn.ven.VenListener;
import org.openvtn.ven.VenRuntime;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code openvtn ven}: the VEN simulator. One VEN that prints each event change on one line, or a fleet of N VENs
 * in one process sharing one event loop, with a live summary. Pull by default; push with {@code --push-listen}.
 */
@Command(name = "ven", mixinStandardHelpOptions = true,
        description = {"Run a simulated OpenADR 2.0b VEN (or a fleet) against a VTN: registers, polls, prints each event"
                + " change, opts in, sends simulated telemetry.",
                "One VEN: --vtn URL (--cert FILE --key FILE | --p12 FILE) --ca FILE [--name NAME].",
                "Fleet:   --vtn URL --fleet N --pki DIR (uses DIR/ven/ven-ecc-0001 ... of a PKI from `openvtn pki init --ven N`"
                + " or `openvtn dev --vens N`).",
                "OpenADR 3.1: --oadr3 --url URL --client-id ID --client-secret-file FILE --ca FILE [--name VENNAME]"
                + " [--p12 FILE] [--poll D] [--webhook-listen HOST:PORT [--webhook-url URL]]"
                + " [--no-mqtt | --mqtt-username U --mqtt-password-file F]."})
final class VenCommand implements Callable<Integer> {

    @Option(names = "--vtn", paramLabel = "URL", converter = CliTypes.UrlText.class,
            description = "VTN base URL as VTNs publish it, e.g. https://localhost:8443/OpenADR2/Simple/2.0b"
                    + " (required unless --oadr3)")
    String vtn;

    @Option(names = "--oadr3", description = "Run one OpenADR 3.1 VEN (REST + OAuth2) instead of a 2.0b VEN: finds or"
            + " creates its VEN object, prints each event change; webhook, MQTT (when the VTN offers it) and polling.")
    boolean oadr3;

    @ArgGroup(exclusive = false)
    Oadr3VenRunner.Flags oadr3Flags = new Oadr3VenRunner.Flags();

    static final class Single {
        @Option(names = "--cert", paramLabel = "FILE", converter = CliTypes.InputFile.class, description = "VEN certificate (PEM; may hold the chain).")
        Path cert;
        @Option(names = "--key", paramLabel = "FILE", converter = CliTypes.InputFile.class, description = "VEN private key (PEM, PKCS#8).")
        Path key;
        @Option(names = "--p12", paramLabel = "FILE", converter = CliTypes.InputFile.class, description = "VEN key and certificate as PKCS#12 (instead of --cert/--key).")
        Path p12;
        @Option(names = "--ca", paramLabel = "FILE", converter = CliTypes.InputFile.class, description = "Trust anchors for the VTN certificate (PEM; a whole chain is fine).")
        Path ca;
    }

    @ArgGroup(exclusive = false)
    Single single = new Single();

    @Option(names = "--password", paramLabel = "PW", defaultValue = "changeit", description = "PKCS#12 password (default ${DEFAULT-VALUE}).")
    String password;

    @Option(names = "--name", paramLabel = "NAME", description = "oadrVenName (default: from the certificate file name).")
    String name;

    @Option(names = "--fleet", paramLabel = "N", defaultValue = "0", converter = CliTypes.Count.class, description = "Run N VENs in this process.")
    int fleet;

    @Option(names = "--pki", paramLabel = "DIR", converter = CliTypes.InputDir.class, description = "With --fleet: PKI directory holding ven/ven-ecc-NNNN.p12 and ca.crt.")
    Path pki;

    @Option(names = "--state", paramLabel = "DIR", defaultValue = "var/ven", converter = CliTypes.OutputDir.class,
            description = "Where each VEN keeps its registration between runs (default ${DEFAULT-VALUE}).")
    Path state;

    @Option(names = "--duration", paramLabel = "D", converter = CliTypes.PositiveDuration.class, description = "Stop after this ISO-8601 duration (default: run until Ctrl-C).")
    Duration duration;

    @Option(names = "--stop-after-events", paramLabel = "K", defaultValue = "0", converter = CliTypes.Count.class,
            description = "Stop once the VENs have seen K events in total (for scripted runs).")
    int stopAfterEvents;

    @Option(names = "--sign", description = "Sign every OpenADR payload with the VEN's key (XML signature) and refuse "
            + "VTN answers that are not signed by the VTN's TLS certificate.")
    boolean sign;

    @Option(names = "--push-listen", paramLabel = "HOST:PORT",
            description = "Push VEN (OpenADR 2.0b push model): listen for the VTN's POSTs on HOST:PORT with mutual TLS and"
                    + " register with oadrHttpPullModel=false instead of polling. With --fleet, VEN i listens on PORT+i.")
    String pushListen;

    @Option(names = "--push-url", paramLabel = "URL",
            description = "The address the VTN should post to (oadrTransportAddress), when it differs from --push-listen "
                    + "(NAT, port forwarding). With --fleet, VEN i advertises the URL's port + i.")
    String pushUrl;

    @Option(names = "--control-port", paramLabel = "PORT", converter = CliTypes.Port.class,
            description = "Serve the VEN automation interface (conformance-tests/README.md) on PORT (0: any) so a"
                    + " conformance suite can make this VEN act. One VEN only.")
    Integer controlPort;

    @Option(names = "--control-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address of the automation interface (default ${DEFAULT-VALUE}; loopback only unless you"
                    + " change it, then also give --control-token-file).")
    String controlHost;

    @Option(names = "--control-token-file", paramLabel = "FILE",
            description = "File holding the bearer token every automation request must carry.")
    Path controlTokenFile;

    /** Most push listeners one process opens (one port each). */
    static final int MAX_PUSH_FLEET = 10_000;

    @Spec
    CommandSpec spec;

    private final AtomicInteger registered = new AtomicInteger();
    private final AtomicInteger eventsSeen = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private CountDownLatch done;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (oadr3) {
            return new Oadr3VenRunner(spec, oadr3Flags, single.ca, single.p12, password, name, duration,
                    stopAfterEvents).run(out);
        }
        if (oadr3Flags.any() != null) {
            throw new ParameterException(spec.commandLine(), oadr3Flags.any() + " needs --oadr3");
        }
        if (vtn == null) {
            throw new ParameterException(spec.commandLine(), "--vtn URL is required (or --oadr3 --url URL)");
        }
        checkConflicts();
        PushFlags push = PushFlags.parse(spec.commandLine(), pushListen, pushUrl, Math.max(1, fleet));
        List<VenClientBuilder> builders = fleet > 0 ? fleetBuilders() : List.of(singleBuilder());
        if (push != null) {
            for (int i = 0; i < builders.size(); i++) {
                push.apply(builders.get(i), i);
            }
        }
        done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(done::countDown, "openvtn-ven-stop"));
        List<VenClient> clients = new ArrayList<>();
        try (VenRuntime runtime = VenRuntime.create()) {
            boolean verbose = builders.size() == 1;
            try {
                for (VenClientBuilder b : builders) {
                    clients.add(b.runtime(runtime).listener(listener(out, verbose)).build());
                }
            } catch (VenException | IllegalArgumentException e) {
                clients.forEach(VenClient::close);
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            org.openvtn.ven.control.VenControlServer control = control(out, clients);
            List<CompletableFuture<?>> starts = new ArrayList<>();
            for (VenClient c : clients) {
                starts.add(c.startAsync().whenComplete((reg, err) -> {
                    if (err == null) {
                        registered.incrementAndGet();
                        if (verbose) {
                            line(out, "registered as venID " + reg.venId() + " (registrationID " + reg.registrationId()
                                    + ", vtnID " + reg.vtnId() + (c.pushAddress().isPresent()
                                    ? ", push to " + c.pushAddress().get() : ", poll every " + reg.pollFrequency()) + ")");
                        }
                    } else {
                        errors.incrementAndGet();
                        line(out, "registration failed: " + rootMessage(err));
                    }
                }));
            }
            waitForEnd(out, clients.size(), CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)));
            if (control != null) {
                control.close();
            }
            for (VenClient c : clients) {
                c.close();
            }
        }
        line(out, summary(clients.size()) + " (final)");
        return errors.get() == 0 || registered.get() == clients.size() ? 0 : 1;
    }

    private org.openvtn.ven.control.VenControlServer control(PrintWriter out, List<VenClient> clients)
            throws IOException {
        if (controlPort == null) {
            return null;
        }
        if (clients.size() != 1) {
            clients.forEach(VenClient::close);
            throw new ParameterException(spec.commandLine(), "--control-port drives one VEN; not with --fleet");
        }
        boolean loopback = java.net.InetAddress.getByName(controlHost).isLoopbackAddress();
        if (!loopback && controlTokenFile == null) {
            clients.forEach(VenClient::close);
            throw new ParameterException(spec.commandLine(), "--control-host " + controlHost
                    + " is not a loopback address: give --control-token-file too");
        }
        String token = controlTokenFile == null ? null : Files.readString(controlTokenFile).strip();
        try {
            var c = org.openvtn.ven.control.VenControlServer.start(clients.get(0), controlHost, controlPort, token);
            line(out, "automation interface on http://" + controlHost + ":" + c.port());
            return c;
        } catch (IllegalStateException | IllegalArgumentException e) {
            clients.forEach(VenClient::close);
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void waitForEnd(PrintWriter out, int n, CompletableFuture<Void> allStarted) throws InterruptedException {
        Instant end = duration == null ? null : Instant.now().plus(duration);
        boolean terminal = System.console() != null;
        Instant nextPrint = Instant.now();
        while (true) {
            if (done.await(250, TimeUnit.MILLISECONDS)) {
                return;
            }
            if (end != null && Instant.now().isAfter(end)) {
                return;
            }
            // events can arrive while start() is still completing the registration bootstrap; let it finish first
            if (stopAfterEvents > 0 && eventsSeen.get() >= stopAfterEvents && allStarted.isDone()) {
                return;
            }
            if (n > 1 && Instant.now().isAfter(nextPrint)) {
                if (terminal) {
                    out.print("\r" + summary(n) + "   ");
                    out.flush();
                    nextPrint = Instant.now().plusSeconds(1);
                } else {
                    line(out, summary(n));
                    nextPrint = Instant.now().plusSeconds(10);
                }
            }
        }
    }

    private String summary(int n) {
        return "vens " + n + ", registered " + registered.get() + ", events seen " + eventsSeen.get() + ", errors " + errors.get();
    }

    private VenListener listener(PrintWriter out, boolean verbose) {
        return new VenListener() {
            @Override
            public void onEvent(DrEvent e) {
                eventsSeen.incrementAndGet();
                if (verbose) {
                    line(out, "event " + describe(e));
                }
            }

            @Override
            public void onEventModified(DrEvent e, DrEvent previous) {
                if (verbose) {
                    line(out, "modified " + describe(e) + " (was modification " + previous.modificationNumber() + ")");
                }
            }

            @Override
            public void onEventCancelled(DrEvent e) {
                if (verbose) {
                    line(out, "cancelled " + e.eventId() + " modification " + e.modificationNumber());
                }
            }

            @Override
            public void onEventActive(DrEvent e) {
                if (verbose) {
                    line(out, "active " + e.eventId() + " " + e.signals().stream().map(s -> s.name() + "="
                            + e.currentValue(s.name(), Instant.now()).orElse(Double.NaN)).toList());
                }
            }

            @Override
            public void onEventCompleted(DrEvent e) {
                if (verbose) {
                    line(out, "completed " + e.eventId());
                }
            }

            @Override
            public void onError(VenException e) {
                errors.incrementAndGet();
                if (verbose) {
                    line(out, "error " + e.getMessage());
                }
            }
        };
    }

    private static String describe(DrEvent e) {
        return e.eventId() + " modification " + e.modificationNumber() + " " + e.vtnStatus() + " start " + e.dtstart()
                + " (effective " + e.effectiveStart() + ") for " + e.duration() + " signals "
                + e.signals().stream().map(s -> s.name()).toList() + " response " + e.responseRequired()
                + (e.testEvent() ? " TEST" : "");
    }

    private static void line(PrintWriter out, String s) {
        synchronized (out) {
            out.println(Instant.now().toString().substring(11, 19) + " " + s);
            out.flush();
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private VenClientBuilder common(String venName, Path stateDir) {
        return VenClient.builder().vtnUrl(vtn).venName(venName)
                .registrationStore(new FileRegistrationStore(stateDir))
                .reportCapabilities(ReportCapability.telemetryPower("power", Duration.ofSeconds(10), Duration.ofHours(1)),
                        ReportCapability.telemetryStatus("status", Duration.ofSeconds(10), Duration.ofHours(1)))
                .telemetrySource(SIMULATED)
                .signMessages(sign).requireVtnSignatures(sign);
    }

    /** Flags of the single VEN and of the fleet exclude each other; so do PEM files and PKCS#12. */
    private void checkConflicts() {
        String single1 = single.cert != null ? "--cert" : single.key != null ? "--key" : single.p12 != null ? "--p12"
                : single.ca != null ? "--ca" : null;
        if (fleet > 0 && single1 != null) {
            throw new ParameterException(spec.commandLine(), single1 + " conflicts with --fleet (a fleet takes its"
                    + " identities from --pki DIR)");
        }
        if (single.p12 != null && (single.cert != null || single.key != null)) {
            throw new ParameterException(spec.commandLine(), "--p12 conflicts with " + (single.cert != null ? "--cert"
                    : "--key") + ": give --cert FILE --key FILE, or --p12 FILE");
        }
    }

    private VenClientBuilder singleBuilder() {
        if (single.ca == null) {
            throw new ParameterException(spec.commandLine(), "--ca is required (or use --fleet N --pki DIR)");
        }
        String venName = name;
        VenClientBuilder b;
        if (single.p12 != null) {
            venName = venName != null ? venName : stem(single.p12);
            b = common(venName, state.resolve(venName)).pkcs12(single.p12, password.toCharArray());
        } else if (single.cert != null && single.key != null) {
            venName = venName != null ? venName : stem(single.cert);
            b = common(venName, state.resolve(venName)).pem(single.cert, single.key);
        } else {
            throw new ParameterException(spec.commandLine(), "give --cert FILE --key FILE, or --p12 FILE");
        }
        return b.trustAnchorFile(single.ca);
    }

    private List<VenClientBuilder> fleetBuilders() throws IOException {
        if (pki == null) {
            throw new ParameterException(spec.commandLine(), "--fleet needs --pki DIR");
        }
        if (!Files.isDirectory(pki.resolve("ven"))) {
            throw new ParameterException(spec.commandLine(), "--pki " + pki + ": no ven/ directory (a PKI from"
                    + " openvtn pki init or openvtn dev)");
        }
        List<Path> p12s;
        try (Stream<Path> s = Files.list(pki.resolve("ven"))) {
            p12s = s.filter(p -> p.getFileName().toString().matches("ven-ecc-\\d+\\.p12")).sorted().toList();
        }
        if (p12s.size() < fleet) {
            throw new ParameterException(spec.commandLine(), pki + " holds " + p12s.size() + " ECC VEN identities, "
                    + fleet + " needed: openvtn pki init --dir DIR --ven " + fleet);
        }
        List<VenClientBuilder> out = new ArrayList<>();
        for (Path p12 : p12s.subList(0, fleet)) {
            String venName = stem(p12);
            out.add(common(venName, state.resolve(venName)).pkcs12(p12, password.toCharArray())
                    .trustAnchorFile(pki.resolve("ca.crt")));
        }
        return out;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        n = n.replaceAll("-chain\\.crt$", "").replaceAll("\\.(crt|pem|p12)$", "");
        return n;
    }

    /** Plausible telemetry: a few kW that wander, device always online. */
    private static final TelemetrySource SIMULATED = new TelemetrySource() {
        @Override
        public Reading read(ReportCapability point, Instant start, Duration granularity) {
            if (point.reportName() == ReportName.TELEMETRY_STATUS) {
                return Reading.status(start, granularity, true, false);
            }
            double kw = 3 + 2 * Math.sin(start.getEpochSecond() / 600.0) + Math.random() * 0.2;
            return Reading.value(start, granularity, kw);
        }
    };
}
