package org.openvtn.conformance.sep.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.device.DeviceControlServer;
import org.openvtn.device.DeviceData;
import org.openvtn.device.SepDeviceClient;
import org.openvtn.device.TelemetryReading;

/**
 * The harness 2030.5 server on port 0 and OpenVTN's device client (a storage DER and a PV DER behind one EndDevice)
 * pointed at it (or at {@code via}, a relay in front
 * of it), with the device automation interface of {@code openvtn device --control-port} on loopback.
 */
final class ReferenceDevice implements AutoCloseable {
    static final TestPki PKI = TestPki.shared();
    static final String TOKEN = "device-control-token-0123";
    static final long PIN = 111115;
    /** The connection point id (NMI) the reference device is configured with (CSIP-AUS ALL-03). */
    static final String NMI = "4102345678";

    final SepDeviceHarness harness;
    final SepDeviceClient device;
    private final org.openvtn.device.SepDeviceClientBuilder builder;
    final DeviceControlServer control;
    private final Path state;
    private final long pollRate;

    /** @param via maps the harness's DeviceCapability URL to the one the device uses (identity: direct) */
    ReferenceDevice(java.util.function.UnaryOperator<String> via) throws IOException {
        this(via, 5);
    }

    /**
     * @param via      maps the harness's DeviceCapability URL to the one the device uses (identity: direct)
     * @param pollRate the pollRate (s) the harness serves, so the device walks that often by itself
     */
    ReferenceDevice(java.util.function.UnaryOperator<String> via, long pollRate) throws IOException {
        this(via, pollRate, false);
    }

    /**
     * @param forgetOnRestart the defect of a device that loses its state in a power cycle: {@code POST /restart}
     *                        deletes the state file before starting again (CSIP-AUS ALL-30 must then fail)
     */
    ReferenceDevice(java.util.function.UnaryOperator<String> via, long pollRate, boolean forgetOnRestart)
            throws IOException {
        this(via, pollRate, forgetOnRestart, NMI);
    }

    /** @param nmi the connection point id the device is configured with; null: none (it never PUTs one) */
    ReferenceDevice(java.util.function.UnaryOperator<String> via, long pollRate, boolean forgetOnRestart, String nmi)
            throws IOException {
        this.pollRate = pollRate;
        harness = SepDeviceHarness.start(harnessTarget(pollRate));
        state = Files.createTempDirectory("sep-client-device");
        var f = PKI.files("device-0001");
        builder = SepDeviceClient.builder().server(via.apply(harness.dcapUrl())).pem(f.chain(), f.key())
                .trustAnchorFile(PKI.pki().sercaFile()).pin(PIN).connectionPointId(nmi)
                .stateFile(state.resolve("device.json"))
                .notificationListener("127.0.0.1", 0)
                .telemetrySource(now -> List.of(new TelemetryReading("0A0B0C0D0E0F10111213141516171819",
                        "site real power", 1500, 0, 38, 1, 12), new TelemetryReading(
                        "0A0B0C0D0E0F1011121314151617181A", "site reactive power", 200, 0, 63, 1, 12),
                        new TelemetryReading("0A0B0C0D0E0F1011121314151617181B", "site voltage", 2301, -1, 29, 0, 12),
                        new TelemetryReading("0A0B0C0D0E0F1011121314151617181C", "stored energy", 8200, 0, 72, 0, 12),
                        // each DER's own active power, the site real power above being their sum (CSIP-AUS MUL-02)
                        new TelemetryReading("0A0B0C0D0E0F1011121314151617181D", "DER 1 active power", 900, 0, 38, 1,
                                12), new TelemetryReading("0A0B0C0D0E0F1011121314151617181E", "DER 2 active power", 600,
                                0, 38, 1, 12)), Duration.ofSeconds(2))
                .ders(List.of(DeviceData.builder()
                        .information(new DeviceData.Information(40732, "REF-DEVICE-1", "SN-REF-0001", "hw1", "1.0",
                                java.time.Instant.parse("2026-01-01T00:00:00Z"),
                                java.time.Instant.parse("2026-01-01T00:00:00Z"), 0, 0))
                        .ratings(new DeviceData.Ratings(83, 0x0001_C100, 5_000, 5_000L, null, null, null, null))
                        .storage(new DeviceData.Storage(13_500, 5_000, 5_000, 12_000L, 4_000L, null))
                        .settings(new DeviceData.Settings(0x0000_C000, 5_000, null, null, 1_000)).build(),
                        // a second DER behind the same EndDevice: a 3 kW PV inverter (CSIP-AUS MUL-01..03)
                        DeviceData.builder().ratings(new DeviceData.Ratings(4, 0x0001_C100, 3_000, 3_000L, null, null,
                                null, null)).settings(new DeviceData.Settings(0x0000_C000, 2_500, null, null, 1_000))
                                .build()));
        device = builder.build();
        device.startAsync();
        // POST /restart as `openvtn device` serves it: close (the engine saves its state file), build, start
        control = DeviceControlServer.start(device, running -> {
            running.close();
            if (forgetOnRestart) {
                Files.deleteIfExists(state.resolve("device.json"));
            }
            SepDeviceClient next = builder.build();
            next.startAsync();
            return next;
        }, "127.0.0.1", 0, TOKEN);
    }

    /** The harness's own identity: the 2030.5 server certificate of the test PKI; the device's SERCA; its pollRate. */
    static TargetConfig harnessTarget(long pollRate) {
        var s = PKI.files("sep-server");
        return new TargetConfig("https://127.0.0.1:0", s.chain(), s.key(), PKI.pki().sercaFile(), null, Set.of(),
                null, null, Duration.ofSeconds(5), Map.of("pollRate", Long.toString(pollRate),
                "sercaKey", PKI.dir().resolve("ca/sep-serca.key").toString()));
    }

    /** The run's target: the harness, the automation interface, the device's LFDI and PIN, the harness's pollRate. */
    TargetConfig target(Duration patience, Map<String, String> extra) {
        var s = PKI.files("sep-server");
        Map<String, String> props = new java.util.HashMap<>(Map.of("lfdi", device.lfdi(), "pin", Long.toString(PIN),
                "pollRate", Long.toString(pollRate), "nmi", NMI));
        props.putAll(extra);
        return new TargetConfig(harness.dcapUrl(), s.chain(), s.key(), PKI.pki().sercaFile(), null, Set.of("pin"),
                "http://127.0.0.1:" + control.port(), TOKEN, patience, props);
    }

    @Override
    public void close() {
        control.close();
        control.device().close();
        harness.close();
    }
}
