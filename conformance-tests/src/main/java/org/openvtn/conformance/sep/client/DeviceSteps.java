package org.openvtn.conformance.sep.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.RuleViolation;

/**
 * What a {@code sep-client} row does: set up the harness's scenario, make the device read it, and check what the
 * device did (its requests, the Responses it posted) and, through the driver, its effective control.
 */
final class DeviceSteps {
    /** Rule: the device applies the control the 2030.5 event rules select (§12.1.3; CSIP §5.2.3). */
    static final String EFFECTIVE = "sep.client.effective";
    /** Rule: the device posts the Response the event asks for to its replyTo (§12.1.2 Table 27; CSIP CORE-022). */
    static final String RESPONSE = "sep.client.response";
    /** Rule: a Response names this device's LFDI and the event's mRID (§12.1.2 Response). */
    static final String RESPONSE_IDS = "sep.client.response.ids";

    private static final AtomicInteger IDS = new AtomicInteger();

    private final CaseContext ctx;
    private final SepDeviceHarness harness;
    private final DeviceDriver driver;
    private final long pin;

    DeviceSteps(CaseContext ctx, SepDeviceHarness preset) {
        this.ctx = ctx;
        this.harness = SepDeviceHarness.of(ctx, preset);
        this.driver = DeviceDriver.of(ctx);
        this.pin = Long.parseLong(ctx.target().property("pin", "111115").trim());
        harness.reset(pin);
    }

    CaseContext ctx() {
        return ctx;
    }

    SepDeviceHarness harness() {
        return harness;
    }

    DeviceDriver driver() {
        return driver;
    }

    long pin() {
        return pin;
    }

    /** A fresh id for a harness control. */
    static String id() {
        return "x" + IDS.incrementAndGet();
    }

    /** How long to wait for the device to act by itself: patience, plus two poll periods for a patient driver. */
    Duration patience() {
        return driver.mode() == DeviceDriver.Mode.PATIENCE
                ? ctx.patience().plusSeconds(2 * harness.pollRate()) : ctx.patience();
    }

    /** Makes the device read the scenario now (see {@link DeviceDriver#refresh}); false if its walk failed. */
    boolean refresh(String lastList) throws InterruptedException {
        return driver.refresh(harness, lastList);
    }

    /** An active control of {@code p}: started 5 s ago (harness time), one hour long. */
    Scenario.Control active(Scenario.Program p, String mode, long value) {
        long now = harness.now();
        Scenario.Control[] c = new Scenario.Control[1];
        harness.edit(sc -> c[0] = p.control(id(), mode, value, now - 5, 3600, now - 5));
        return c[0];
    }

    /** Waits for a Response with {@code status} for {@code c} posted after request number {@code from}. */
    Optional<SepDeviceHarness.Req> awaitResponse(int from, Scenario.Control c, int status) throws InterruptedException {
        Optional<SepDeviceHarness.Req> r = harness.await(from, q -> isResponse(q, c, status), patience());
        ctx.check(r.isPresent(), () -> RuleViolation.must(RESPONSE, Scenario.RSP, "no Response status " + status
                + " for control " + c.mrid + " within " + patience().toSeconds() + " s; Responses seen: " + responses(from)));
        r.ifPresent(q -> {
            String lfdi = q.text("endDeviceLFDI").orElse("");
            String expected = harness.lfdi();
            ctx.check(expected == null || lfdi.equalsIgnoreCase(expected), () -> RuleViolation.must(RESPONSE_IDS,
                    "/DERControlResponse/endDeviceLFDI", "endDeviceLFDI " + lfdi + ", the device registered " + expected));
        });
        return r;
    }

    /** Checks that no Response with {@code status} for {@code c} was posted after request number {@code from}. */
    void noResponse(int from, Scenario.Control c, int status, String why) {
        boolean none = harness.requests(from).stream().noneMatch(q -> isResponse(q, c, status));
        ctx.check(none, () -> RuleViolation.must(RESPONSE, Scenario.RSP, "Response status " + status + " for control "
                + c.mrid + " posted, but " + why));
    }

    static boolean isResponse(SepDeviceHarness.Req q, Scenario.Control c, Integer status) {
        return q.method().equals("POST") && q.path().equals(Scenario.RSP)
                && q.text("subject").map(c.mrid::equalsIgnoreCase).orElse(false)
                && (status == null || q.text("status").map(s -> s.equals(Integer.toString(status))).orElse(false));
    }

    String responses(int from) {
        List<String> seen = harness.requests(from).stream().filter(q -> q.method().equals("POST")
                && q.path().equals(Scenario.RSP)).map(q -> q.text("subject").orElse("?") + ":"
                + q.text("status").orElse("?")).toList();
        return seen.isEmpty() ? "none" : String.join(", ", seen);
    }

    /**
     * Checks the device's effective {@code mode}: {@code value} from {@code source} (an event href, or
     * {@code default:<program href>}); a null value means the mode must not come from {@code source}.
     */
    void expectEffective(String mode, Long value, String source, String what) {
        if (driver.mode() == DeviceDriver.Mode.CONSOLE) {
            boolean yes = driver.confirm(value == null ? "Is " + mode + " now free of " + what + "?"
                    : "Does the device now apply " + mode + " = " + value + " (" + what + ")?").orElse(false);
            ctx.check(yes, () -> RuleViolation.must(EFFECTIVE, mode, "the operator says no: " + what));
            return;
        }
        Map<String, Map<String, Object>> eff = driver.effective();
        ctx.note("effective control: " + eff);
        Map<String, Object> m = eff.get(mode);
        if (value == null) {
            boolean free = m == null || !source.equals(m.get("source"));
            ctx.check(free, () -> RuleViolation.must(EFFECTIVE, mode, what + ": " + mode + " still comes from "
                    + source + " " + m));
            return;
        }
        boolean ok = m != null && value.equals(((Number) m.get("value")).longValue()) && source.equals(m.get("source"));
        ctx.check(ok, () -> RuleViolation.must(EFFECTIVE, mode, what + ": expected " + mode + " = " + value + " from "
                + source + ", the device applies " + (m == null ? "nothing" : m.get("value") + " from " + m.get("source"))));
    }

    /** Paths the device fetched after request number {@code from}. */
    String fetched(int from) {
        return harness.requests(from).stream().map(q -> q.method() + " " + q.path()).distinct()
                .collect(Collectors.joining(", "));
    }
}
