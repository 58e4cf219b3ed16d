package org.openvtn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.openvtn.device.DeviceControlServer;
import org.openvtn.device.SepDeviceClient;
import org.openvtn.device.SepDeviceClientBuilder;
import org.openvtn.device.SepDeviceRuntime;
import org.openvtn.device.SepFleetTls;
import org.openvtn.device.SepNotificationHub;
import org.openvtn.device.TelemetryReading;
import org.openvtn.device.SimulatedDer;
import org.openvtn.device.TelemetrySource;
import org.openvtn.device.engine.EffectiveControl;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code openvtn device}: the IEEE 2030.5 device simulator (issue #16). One device that prints each change of its
 * effective control on one line, or a fleet of N devices in one process sharing I/O threads and the codec.
 */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = {"Run a simulated IEEE 2030.5 device (or a fleet) against a 2030.5 server: walks from the"
                + " DeviceCapability, registers its EndDevice, follows DER and DRLC programs, answers events, and prints"
                + " each change of its effective control.",
                "One device: --server URL (--cert FILE --key FILE | --p12 FILE) --ca FILE.",
                "Fleet:      --server URL --fleet N --pki DIR (uses DIR/devices/device-0001 ... and DIR/serca.crt of"
                        + " `openvtn pki init --devices N` or `openvtn dev`); one shared TLS context, each device presenting its"
                        + " own certificate; the server is checked by its SERCA chain, not its host name."})
final class DeviceCommand implements Callable<Integer> {

    @Option(names = "--server", required = true, paramLabel = "URL", converter = CliTypes.UrlText.class,
            description = "The server's DeviceCapability URL, e.g. https://127.0.0.1:8444/dcap")
    String server;

    static final class Single {
        @Option(names = "--cert", paramLabel = "FILE", converter = CliTypes.InputFile.class, description = "Device certificate chain (PEM: device, MICA).")
        Path cert;
        @Option(names = "--key", paramLabel = "FILE", converter = CliTypes.InputFile.class, description = "Device private key (PEM, PKCS#8).")
        Path key;
        @Option(names = "--p12", paramLabel = "FILE", converter = CliTypes.InputFile.class, description = "Device key and certificate as PKCS#12 (instead of --cert/--key).")
        Path p12;
        @Option(names = "--ca", paramLabel = "FILE", converter = CliTypes.InputFile.class, description = "Trust anchor for the server certificate: the SERCA (PEM).")
        Path ca;
    }

    @ArgGroup(exclusive = false)
    Single single = new Single();

    @Option(names = "--password", paramLabel = "PW", defaultValue = "changeit", description = "PKCS#12 password (default ${DEFAULT-VALUE}).")
    String password;

    @Option(names = "--fleet", paramLabel = "N", defaultValue = "0", converter = CliTypes.Count.class, description = "Run N devices in this process.")
    int fleet;

    @Option(names = "--pki", paramLabel = "DIR", converter = CliTypes.InputDir.class, description = "With --fleet: PKI directory holding devices/device-NNNN.p12 and serca.crt.")
    Path pki;

    @Option(names = "--pin", paramLabel = "PIN", description = "Check the server's Registration PIN (six digits with check digit).")
    Long pin;

    @Option(names = "--nmi", paramLabel = "ID",
            description = "The site's connection point id (CSIP-AUS: the NMI, 1..32 characters): PUT as a"
                    + " csipaus:ConnectionPoint to the EndDevice's csipaus:ConnectionPointLink when the server offers"
                    + " one (CSIP-AUS 1.3).")
    String nmi;

    @Option(names = "--notify-listen", paramLabel = "HOST:PORT",
            description = "Subscribe and receive Notifications on a mutual-TLS listener at HOST:PORT (port 0 = any; with"
                    + " --fleet, one listener for all devices, each at its own path). Without it the devices poll at"
                    + " the server's pollRate.")
    String notifyListen;

    @Option(names = "--state", paramLabel = "DIR", defaultValue = "var/device", converter = CliTypes.OutputDir.class,
            description = "Where each device keeps its event-engine state between runs (default ${DEFAULT-VALUE}).")
    Path state;

    @Option(names = "--duration", paramLabel = "D", converter = CliTypes.PositiveDuration.class, description = "Stop after this ISO-8601 duration (default: run until Ctrl-C).")
    Duration duration;

    @Option(names = "--stop-after-changes", paramLabel = "K", defaultValue = "0", converter = CliTypes.Count.class,
            description = "Stop once the devices have printed K effective-control changes in total (scripted runs).")
    int stopAfterChanges;

    @Option(names = "--telemetry", paramLabel = "D", converter = CliTypes.PositiveDuration.class,
            description = "Mirror a simulated site power (W) to the server every D (ISO-8601, e.g. PT1M; metering"
                    + " mirror). Default: no telemetry.")
    Duration telemetry;

    @Option(names = "--storage", description = "Simulate a battery (storage DER, DERType 83 PV and storage): 13.5 kWh,"
            + " 5 kW charge and discharge, reported in DERCapability/DERSettings, a stored-energy reading (Wh) mirrored"
            + " with --telemetry (CSIP-AUS STO-01/02).")
    boolean storage;

    @Option(names = "--ders", paramLabel = "N", defaultValue = "1", description = "DERs behind the one EndDevice"
            + " (CSIP-AUS MUL-01..03): DER 1 as configured, DERs 2..N 5 kW PV inverters, each reporting to its own"
            + " DER links; --telemetry mirrors each DER's active power and their sum. Default 1.")
    int ders;

    @Option(names = "--control-port", paramLabel = "PORT",
            description = "Serve the device automation interface (conformance-tests/README.md) on PORT (0: any) so the"
                    + " sep-client conformance suite can read this device's effective control and make it act (also"
                    + " restart it from its --state). One device only.")
    Integer controlPort;

    @Option(names = "--control-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address of the automation interface (default ${DEFAULT-VALUE}; loopback only unless you"
                    + " change it, then also give --control-token-file).")
    String controlHost;

    @Option(names = "--control-token-file", paramLabel = "FILE",
            description = "File holding the bearer token every automation request must carry.")
    Path controlTokenFile;

    /** Threads that close a fleet's devices concurrently (each close mostly waits for its worker). */
    static final int CLOSE_THREADS = 256;

    /** Most devices one process runs (each has a worker thread). */
    static final int MAX_FLEET = 2_000;

    @Spec
    CommandSpec spec;

    /** The fleet's shared TLS context (null for one device). */
    private SepFleetTls fleetContext;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger changes = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (fleet < 0 || fleet > MAX_FLEET) {
            throw new ParameterException(spec.commandLine(), "--fleet must be 0.." + MAX_FLEET + ", was " + fleet);
        }
        if (ders < 1 || ders > 64) {
            throw new ParameterException(spec.commandLine(), "--ders must be 1..64, was " + ders);
        }
        String notifyHost = null;
        int notifyPort = -1;
        if (notifyListen != null) {
            int colon = notifyListen.lastIndexOf(':');
            try {
                notifyHost = notifyListen.substring(0, colon);
                notifyPort = Integer.parseInt(notifyListen.substring(colon + 1));
            } catch (RuntimeException e) {
                throw new ParameterException(spec.commandLine(), "--notify-listen must be HOST:PORT, was " + notifyListen);
            }
            if (notifyHost.isEmpty() || notifyPort < 0 || notifyPort > 65535) {
                throw new ParameterException(spec.commandLine(), "--notify-listen must be HOST:PORT with PORT 0..65535, was "
                        + notifyListen);
            }
        }
        Map<String, SepDeviceClientBuilder> builders = fleet > 0 ? fleetBuilders() : singleBuilder();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(done::countDown, "openvtn-device-stop"));
        List<SepDeviceClient> clients = new ArrayList<>();
        try (SepDeviceRuntime runtime = SepDeviceRuntime.create(Math.max(1, Math.min(4, builders.size() / 100 + 1)));
             SepNotificationHub hub = fleet > 0 && notifyHost != null ? fleetHub(runtime, notifyHost, notifyPort) : null) {
            int i = 0;
            try {
                for (var en : builders.entrySet()) {
                    String name = en.getKey();
                    // the simulated inverter acts on its effective control (opModFixedW, power factors, limits)
                    SimulatedDer der = new SimulatedDer(5_000, storage ? 5_000 : 0);
                    SepDeviceClientBuilder b = en.getValue().runtime(runtime)
                            .stateFile(state.resolve(name + ".json"))
                            .listener(m -> printChange(out, name, m, der));
                    if (pin != null) {
                        b.pin(pin);
                    }
                    if (nmi != null) {
                        b.connectionPointId(nmi);
                    }
                    if (hub != null) {
                        b.notificationHub(hub);
                    } else if (notifyHost != null) {
                        b.notificationListener(notifyHost, notifyPort);
                    }
                    if (telemetry != null) {
                        TelemetrySource site = storage ? battery(der) : der;
                        b.telemetrySource(ders > 1 ? SimulatedDers.telemetry(site, ders) : site, telemetry);
                    }
                    b.ders(SimulatedDers.data(simulatedData(name, storage), ders));
                    clients.add(b.build());
                    i++;
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                clients.forEach(SepDeviceClient::close);
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Files.createDirectories(state);
            if (fleetContext != null) {
                line(out, "fleet: " + clients.size() + " devices on one shared TLS context (" + fleetContext.identities()
                        + " identities)");
            }
            DeviceControlServer control = control(out, clients, builders.values().iterator().next());
            List<CompletableFuture<?>> starts = new ArrayList<>();
            List<String> names = List.copyOf(builders.keySet());
            for (int k = 0; k < clients.size(); k++) {
                SepDeviceClient c = clients.get(k);
                String name = names.get(k);
                starts.add(c.startAsync().whenComplete((v, err) -> {
                    if (err == null) {
                        started.incrementAndGet();
                        line(out, name + " started: LFDI " + c.lfdi() + ", SFDI " + c.sfdi() + ", EndDevice "
                                + c.endDeviceHref().orElse("?") + (c.polling() ? ", polling" : ", subscribed (notifications on port "
                                + (hub != null ? hub.port() : c.notificationPort()) + ")"));
                    } else {
                        errors.incrementAndGet();
                        line(out, name + " start failed (retrying): " + rootMessage(err));
                    }
                }));
            }
            waitForEnd(out, done, clients.size(), CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)));
            if (control != null) {
                control.close();
            }
            closeAll(out, clients);
        }
        line(out, summary(clients.size()) + " (final)");
        return started.get() == clients.size() ? 0 : 1;
    }

    /**
     * Closes the devices concurrently: each {@link SepDeviceClient#close()} waits (up to 5 s) for its worker's turn
     * on the fleet's shared scheduler, so closing one after the other takes minutes for a large fleet.
     */
    private static void closeAll(PrintWriter out, List<SepDeviceClient> clients) throws InterruptedException {
        if (clients.size() <= 1) {
            clients.forEach(SepDeviceClient::close);
            return;
        }
        long t0 = System.nanoTime();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(CLOSE_THREADS, clients.size()), r -> {
                    Thread t = new Thread(r, "openvtn-device-close");
                    t.setDaemon(true);
                    return t;
                });
        try {
            CountDownLatch closed = new CountDownLatch(clients.size());
            for (SepDeviceClient c : clients) {
                pool.execute(() -> {
                    try {
                        c.close();
                    } finally {
                        closed.countDown();
                    }
                });
            }
            closed.await();
        } finally {
            pool.shutdown();
        }
        line(out, "closed " + clients.size() + " devices in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    private DeviceControlServer control(PrintWriter out, List<SepDeviceClient> clients, SepDeviceClientBuilder builder)
            throws IOException {
        if (controlPort == null) {
            return null;
        }
        if (clients.size() != 1) {
            clients.forEach(SepDeviceClient::close);
            throw new ParameterException(spec.commandLine(), "--control-port drives one device; not with --fleet");
        }
        boolean loopback = java.net.InetAddress.getByName(controlHost).isLoopbackAddress();
        if (!loopback && controlTokenFile == null) {
            clients.forEach(SepDeviceClient::close);
            throw new ParameterException(spec.commandLine(), "--control-host " + controlHost
                    + " is not a loopback address: give --control-token-file too");
        }
        String token;
        try {
            token = controlTokenFile == null ? null : Files.readString(controlTokenFile).strip();
        } catch (IOException e) {
            clients.forEach(SepDeviceClient::close);
            throw new ParameterException(spec.commandLine(), "--control-token-file " + controlTokenFile
                    + ": cannot read: " + e.getMessage());
        }
        try {
            // POST /restart: a power cycle of the one device, restoring from its --state file (CSIP-AUS ALL-30)
            DeviceControlServer c = DeviceControlServer.start(clients.get(0), running -> {
                running.close();
                SepDeviceClient next = builder.build();
                clients.set(0, next);
                next.startAsync();
                line(out, "device restarted by the automation interface");
                return next;
            }, controlHost, controlPort, token);
            line(out, "automation interface on http://" + controlHost + ":" + c.port());
            return c;
        } catch (IllegalStateException | IllegalArgumentException e) {
            clients.forEach(SepDeviceClient::close);
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void waitForEnd(PrintWriter out, CountDownLatch done, int n, CompletableFuture<Void> allStarted)
            throws InterruptedException {
        Instant end = duration == null ? null : Instant.now().plus(duration);
        Instant nextPrint = Instant.now().plusSeconds(10);
        while (!done.await(250, TimeUnit.MILLISECONDS)) {
            if (end != null && Instant.now().isAfter(end)) {
                return;
            }
            if (stopAfterChanges > 0 && changes.get() >= stopAfterChanges && allStarted.isDone()) {
                return;
            }
            if (n > 1 && Instant.now().isAfter(nextPrint)) {
                line(out, summary(n));
                nextPrint = Instant.now().plusSeconds(10);
            }
        }
    }

    private String summary(int n) {
        return "devices " + n + ", started " + started.get() + ", effective-control changes " + changes.get()
                + ", start failures " + errors.get();
    }

    private void printChange(PrintWriter out, String name, Map<String, EffectiveControl> effective, SimulatedDer der) {
        der.apply(effective);
        changes.incrementAndGet();
        StringBuilder s = new StringBuilder(name).append(" effective:");
        if (effective.isEmpty()) {
            s.append(" none (device's own settings)");
        }
        for (EffectiveControl c : new TreeMap<>(effective).values()) {
            s.append(' ').append(c.mode()).append('=').append(c.value().value());
            if (c.value().multiplier() != 0) {
                s.append("e").append(c.value().multiplier());
            }
            s.append(" (").append(c.source()).append(')');
        }
        line(out, s.toString());
        SimulatedDer.Output o = der.output(Instant.now());
        line(out, name + " applies: " + o.watts() + " W, " + o.vars() + " var (" + o.reason() + ")");
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

    private Map<String, SepDeviceClientBuilder> singleBuilder() {
        if (single.ca == null) {
            throw new ParameterException(spec.commandLine(), "--ca is required (the SERCA; or use --fleet N --pki DIR)");
        }
        SepDeviceClientBuilder b = SepDeviceClient.builder().server(server);
        String name;
        if (single.p12 != null) {
            name = stem(single.p12);
            b.pkcs12(single.p12, password.toCharArray());
        } else if (single.cert != null && single.key != null) {
            name = stem(single.cert);
            b.pem(single.cert, single.key);
        } else {
            throw new ParameterException(spec.commandLine(), "give --cert FILE --key FILE, or --p12 FILE");
        }
        return Map.of(name, b.trustAnchorFile(single.ca));
    }

    /** One notification listener for the whole fleet, presenting the first device's certificate (§5.6.2). */
    private SepNotificationHub fleetHub(SepDeviceRuntime runtime, String host, int port) {
        Path first = pki.resolve("devices").resolve("device-0001.p12");
        try {
            return SepNotificationHub.bind(runtime, org.openvtn.certs.tls.TlsConfig.builder()
                    .profile(org.openvtn.certs.tls.TlsProfile.IEEE_2030_5).keyStore(first, password.toCharArray())
                    .trustAnchorFile(pki.resolve("serca.crt")).build(), host, port, null);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), "--notify-listen: " + e.getMessage());
        }
    }

    private Map<String, SepDeviceClientBuilder> fleetBuilders() throws IOException {
        if (pki == null) {
            throw new ParameterException(spec.commandLine(), "--fleet needs --pki DIR");
        }
        List<Path> p12s;
        try (Stream<Path> s = Files.list(pki.resolve("devices"))) {
            p12s = s.filter(p -> p.getFileName().toString().matches("device-\\d+\\.p12")).sorted().toList();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--pki " + pki + " has no devices/ directory: " + e.getMessage());
        }
        if (p12s.size() < fleet) {
            throw new ParameterException(spec.commandLine(), pki + " holds " + p12s.size() + " device identities, "
                    + fleet + " needed: openvtn pki init --dir DIR --devices " + fleet);
        }
        SepFleetTls shared = fleetTls(p12s.get(0));
        Map<String, SepDeviceClientBuilder> out = new java.util.LinkedHashMap<>();
        for (Path p12 : p12s.subList(0, fleet)) {
            out.put(stem(p12), SepDeviceClient.builder().server(server).pkcs12(p12, password.toCharArray())
                    .trustAnchorFile(pki.resolve("serca.crt")).hostnameVerification(false).fleetTls(shared));
        }
        fleetContext = shared;
        return out;
    }

    /**
     * One TLS client context for the whole fleet ({@link SepFleetTls}, as {@code openvtn bench devices}): it presents
     * each device's own certificate per connection, instead of about 30 KB of context per device. Trust comes from the
     * SERCA; the server is authenticated by its chain only (no host-name check, CSIP §5.2.1).
     */
    private SepFleetTls fleetTls(Path firstP12) {
        try {
            return SepFleetTls.create(org.openvtn.certs.tls.TlsConfig.builder()
                    .profile(org.openvtn.certs.tls.TlsProfile.IEEE_2030_5).keyStore(firstP12, password.toCharArray())
                    .trustAnchorFile(pki.resolve("serca.crt")).hostnameVerification(false).build());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), "--pki " + pki + ": " + e.getMessage());
        }
    }

    /**
     * The DER's readings (site active and reactive power as it applies its control, voltage; CSIP-AUS §4.6.1 monitor
     * data, sep-client ALL-06) and the battery's stored energy (Wh, its own mirrored reading; CSIP-AUS STO-01): a
     * 13.5 kWh battery between 20 % and 80 %.
     */
    private static TelemetrySource battery(SimulatedDer der) {
        return now -> {
            List<TelemetryReading> r = new java.util.ArrayList<>(der.read(now));
            r.add(new TelemetryReading("5EED000000000000000000000000A004", "stored energy",
                    Math.round(6750 + 4050 * Math.sin(now.getEpochSecond() / 1800.0)), 0, 72, 0, 12));
            return r;
        };
    }

    /**
     * The simulated inverter's self-description, PUT to the links the server offers after the first walk and again
     * on the automation interface's {@code POST /device-data} (DeviceInformation §10.2.4, DERCapability §10.10.4.2,
     * DERSettings §10.10.4.3): a 5 kW PV inverter named after the device; with {@code storage} a PV and storage DER
     * (DERType 83) with a 13.5 kWh battery charging and discharging at up to 5 kW.
     */
    private static org.openvtn.device.DeviceData simulatedData(String name, boolean storage) {
        Instant made = Instant.parse("2026-01-01T00:00:00Z");
        return org.openvtn.device.DeviceData.builder()
                .information(new org.openvtn.device.DeviceData.Information(0, "openvtn-device", name, "sim",
                        "openvtn", made, made, 0, 0))
                .ratings(new org.openvtn.device.DeviceData.Ratings(storage ? 83 : 4, 0x0001_C100, 5_000, 5_000L, null,
                        null, null, null))
                .settings(new org.openvtn.device.DeviceData.Settings(0x0000_C000, 5_000, null, null, 1_000))
                .storage(storage ? new org.openvtn.device.DeviceData.Storage(13_500, 5_000, 5_000, null, null, null)
                        : null).build();
    }

    private static String stem(Path p) {
        return p.getFileName().toString().replaceAll("-chain\\.crt$", "").replaceAll("\\.(crt|pem|p12)$", "");
    }
}
