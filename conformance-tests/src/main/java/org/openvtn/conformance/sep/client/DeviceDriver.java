package org.openvtn.conformance.sep.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openvtn.conformance.AdminClient;
import org.openvtn.conformance.CaseContext;

/**
 * How the suite makes the device under test act and observes its decisions, from the target property
 * {@code deviceDriver}:
 * <ul>
 *   <li>{@code automation} (default when the target has {@code admin.url}): the device automation interface
 *       (conformance-tests/README.md; {@code openvtn device --control-port}) at {@code admin.url};</li>
 *   <li>{@code console} (default otherwise): the operator is asked; without one the case ends SKIPPED;</li>
 *   <li>{@code patience}: nobody acts; the suite waits for the device's own polls. A row that needs to observe
 *       or make the device do something ends SKIPPED naming the action, never PASS.</li>
 * </ul>
 */
final class DeviceDriver {

    enum Mode { AUTOMATION, CONSOLE, PATIENCE }

    private final CaseContext ctx;
    private final Mode mode;

    private DeviceDriver(CaseContext ctx, Mode mode) {
        this.ctx = ctx;
        this.mode = mode;
    }

    static DeviceDriver of(CaseContext ctx) {
        String m = ctx.target().property("deviceDriver", ctx.admin().isPresent() ? "automation" : "console").trim();
        Mode mode = switch (m) {
            case "automation" -> Mode.AUTOMATION;
            case "console" -> Mode.CONSOLE;
            case "patience" -> Mode.PATIENCE;
            default -> throw new IllegalArgumentException("deviceDriver: automation, console or patience, was " + m);
        };
        if (mode == Mode.AUTOMATION && ctx.admin().isEmpty()) {
            throw new IllegalArgumentException("deviceDriver automation needs admin.url (the device automation"
                    + " interface)");
        }
        return new DeviceDriver(ctx, mode);
    }

    Mode mode() {
        return mode;
    }

    String describe() {
        return switch (mode) {
            case AUTOMATION -> "the device automation interface at the target's admin.url";
            case CONSOLE -> "the operator console";
            case PATIENCE -> "patience (the suite waits for the device's own polls)";
        };
    }

    private AdminClient api() {
        return ctx.admin().orElseThrow();
    }

    /**
     * One call of the automation interface. A lab starts the suite first and the device after it (the device needs
     * the harness's URL), so an interface that does not answer yet (connection refused: status 0) is asked again
     * until the target's patience has passed; any HTTP answer is final.
     */
    private <T> T call(java.util.function.Supplier<T> op) {
        long deadline = System.nanoTime() + ctx.patience().toNanos();
        boolean noted = false;
        while (true) {
            try {
                return op.get();
            } catch (AdminClient.AdminException e) {
                if (e.status() != 0 || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                if (!noted) {
                    ctx.note("the device automation interface does not answer yet (" + e.getMessage()
                            + "); asking again for up to " + ctx.patience().toSeconds() + " s");
                    noted = true;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private UnsupportedOperationException cannot(String what) {
        return new UnsupportedOperationException("deviceDriver " + mode.name().toLowerCase(Locale.ROOT)
                + " cannot " + what + "; use deviceDriver automation" + (mode == Mode.PATIENCE ? " or console" : ""));
    }

    /**
     * Makes the device read the server again now (automation, console) or waits for its next walk (patience: until
     * it fetched the DeviceCapability and then the last program's DERControlList, at most two poll periods plus
     * patience).
     *
     * @return false when the device reported that its walk failed (automation: 502)
     */
    boolean refresh(SepDeviceHarness h, String lastListPath) throws InterruptedException {
        switch (mode) {
            case AUTOMATION:
                try {
                    call(() -> api().post("/refresh", Map.of()));
                    return true;
                } catch (AdminClient.AdminException e) {
                    if (e.status() == 502) {
                        ctx.note("the device reports its walk failed: " + e.getMessage());
                        return false;
                    }
                    throw e;
                }
            case CONSOLE:
                ctx.prompter().ask("Make the device read its 2030.5 server again now (restart its poll or walk),"
                        + " then press Enter");
                return true;
            default:
                int from = h.count();
                Duration wait = Duration.ofSeconds(2 * h.pollRate()).plus(ctx.patience());
                var dcap = h.await(from, r -> r.method().equals("GET") && r.path().equals(h.dcapPath()), wait);
                if (dcap.isEmpty()) {
                    throw new UnsupportedOperationException("deviceDriver patience: the device did not poll within "
                            + wait.toSeconds() + " s");
                }
                if (lastListPath != null) {
                    h.await(dcap.get().seq(), r -> r.method().equals("GET") && r.path().equals(lastListPath), wait);
                }
                return true;
        }
    }

    /**
     * The device's effective control per mode now (automation), each {value, multiplier, source, since}.
     *
     * @throws UnsupportedOperationException for console and patience (the row then asks {@link #confirm})
     */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> effective() {
        if (mode != Mode.AUTOMATION) {
            throw cannot("read the device's effective control");
        }
        return (Map<String, Map<String, Object>>) (Map<?, ?>) call(() -> api().get("/effective"));
    }

    /** The device's state (automation): lfdi, sfdi, endDevice, walks, polling, serverTimeOffsetMillis, lastError. */
    Map<String, Object> state() {
        if (mode != Mode.AUTOMATION) {
            throw cannot("read the device's state");
        }
        return call(() -> api().get("/state"));
    }

    /** Asks the operator a yes/no question about the device (console); empty otherwise. */
    Optional<Boolean> confirm(String question) {
        if (mode != Mode.CONSOLE) {
            return Optional.empty();
        }
        String a = ctx.prompter().ask(question + " [y/n]");
        return Optional.of(a != null && a.trim().toLowerCase(Locale.ROOT).startsWith("y"));
    }

    /**
     * Makes the device report an alarm as a LogEvent with {@code code} (general function set).
     *
     * @return true when the suite knows the code the device will use (automation), false when the operator chose
     */
    boolean logEvent(int code) {
        switch (mode) {
            case AUTOMATION:
                call(() -> api().post("/log-event?functionSet=0&code=" + code + "&id=" + code + "&details=suite",
                        Map.of()));
                return true;
            case CONSOLE:
                ctx.prompter().ask("Make the device raise an alarm it reports as a LogEvent, then press Enter");
                return false;
            default:
                throw cannot("make the device report a LogEvent");
        }
    }

    /** Makes the device PUT its DERStatus now (genConnectStatus, operationalModeStatus as given under automation). */
    boolean derStatus(int genConnectStatus, int operationalModeStatus) {
        switch (mode) {
            case AUTOMATION:
                call(() -> api().post("/der-status?genConnectStatus=" + genConnectStatus
                        + "&operationalModeStatus=" + operationalModeStatus, Map.of()));
                return true;
            case CONSOLE:
                ctx.prompter().ask("Make the device report its DERStatus now, then press Enter");
                return false;
            default:
                throw cannot("make the device report its DERStatus");
        }
    }

    /**
     * Makes a storage DER PUT its DERStatus now with state of charge {@code soc} (hundredths of a percent) and storage
     * mode {@code storageMode} (0 charging, 1 discharging, 2 holding) under automation.
     *
     * @return true when the suite knows the values the device will report (automation), false when the operator chose
     */
    boolean storageStatus(int soc, int storageMode) {
        switch (mode) {
            case AUTOMATION:
                call(() -> api().post("/der-status?genConnectStatus=7&operationalModeStatus=2&stateOfCharge=" + soc
                        + "&storageModeStatus=" + storageMode, Map.of()));
                return true;
            case CONSOLE:
                ctx.prompter().ask("Make the storage DER report its DERStatus (state of charge and storage mode) now,"
                        + " then press Enter");
                return false;
            default:
                throw cannot("make the device report its DERStatus");
        }
    }

    /**
     * Restarts the device (a power cycle: automation {@code POST /restart}; console: the operator). Under automation
     * an interface without the operation (404) cannot restart it: the row ends SKIPPED.
     */
    void restart() {
        switch (mode) {
            case AUTOMATION -> {
                try {
                    call(() -> api().post("/restart", Map.of()));
                } catch (AdminClient.AdminException e) {
                    if (e.status() == 404) {
                        throw new UnsupportedOperationException("the device automation interface has no POST /restart;"
                                + " cannot restart the device");
                    }
                    throw e;
                }
            }
            case CONSOLE -> ctx.prompter().ask("Restart the device (power-cycle it or restart its software), wait"
                    + " until it runs again, then press Enter");
            case PATIENCE -> throw cannot("restart the device");
        }
    }

    /** Makes the device PUT its configured device data (DeviceInformation, DERCapability, DERSettings, ...) now. */
    void deviceData() {
        switch (mode) {
            case AUTOMATION -> call(() -> api().post("/device-data", Map.of()));
            case CONSOLE -> ctx.prompter().ask("Make the device report its DeviceInformation, DERCapability and"
                    + " DERSettings now, then press Enter");
            case PATIENCE -> throw cannot("make the device report its device data");
        }
    }

    /** The device owner opts out of an event. */
    void optOut(String eventHref) {
        switch (mode) {
            case AUTOMATION -> call(() -> api().post("/opt-out?event="
                    + URLEncoder.encode(eventHref, StandardCharsets.UTF_8), Map.of()));
            case CONSOLE -> ctx.prompter().ask("Make the device's owner opt out of event " + eventHref
                    + ", then press Enter");
            case PATIENCE -> throw cannot("make the device opt out of an event");
        }
    }
}
