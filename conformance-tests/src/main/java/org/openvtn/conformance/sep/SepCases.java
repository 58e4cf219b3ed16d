package org.openvtn.conformance.sep;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.RuleViolation;
import org.w3c.dom.Element;

/** Steps several cases share: scheduling a control through the driver and finding it again by discovery. */
final class SepCases {

    /** The control the driver was asked to create is published to the device (CSIP CORE-012/013). */
    static final String PUBLISHED = "sep.derc.published";

    private SepCases() {
    }

    /** Whole seconds from now, so interval starts compare exactly. */
    static Instant at(CaseContext ctx, Duration fromNow) {
        return Instant.ofEpochSecond(ctx.clock().instant().plus(fromNow).getEpochSecond());
    }

    /** The first mode of {@code preferred} the driver can create; Unsupported when none. */
    static DerMode mode(SepServerDriver driver, DerMode... preferred) {
        for (DerMode m : preferred) {
            if (driver.modes().contains(m)) {
                return m;
            }
        }
        throw new SepServerDriver.Unsupported(driver.name() + " can create none of " + List.of(preferred));
    }

    /** A spec with a value that suits the mode. */
    static DerControlSpec spec(DeviceIdentity device, DerMode mode, Instant start, Duration duration) {
        double value = switch (mode) {
            case MAX_LIM_W -> 60;
            case ENERGIZE, CONNECT -> 0;
            case RAMP_TMS, RAMP_RATE -> 50;
            case FIXED_W -> -40; // a charge setpoint: the sign of SignedPerCent must survive
            case FIXED_PF_INJECT -> -0.95; // under-excited: the excitation flag must survive
            default -> 4000;
        };
        return new DerControlSpec(device, mode, value, start, duration, Duration.ZERO, false);
    }

    /** Whether a DERControl element is the one the spec describes (start, duration, mode value). */
    static boolean matches(Element derc, DerControlSpec spec) {
        if (SepXml.number(derc, "interval", "start").orElse(-1L) != spec.startSeconds()
                || SepXml.number(derc, "interval", "duration").orElse(-1L) != spec.duration().toSeconds()) {
            return false;
        }
        Optional<Element> base = SepXml.child(derc, "DERControlBase");
        return base.flatMap(b -> spec.mode().read(b)).map(v -> close(v, spec.value())).orElse(false);
    }

    static boolean close(double a, double b) {
        return Math.abs(a - b) <= Math.max(0.01, Math.abs(b) * 0.01);
    }

    /**
     * Finds the DERControl of a spec by discovery, polling as a device would until the case's patience runs out;
     * FAIL ({@value #PUBLISHED}) when it never appears.
     */
    static Element awaitControl(CaseContext ctx, SepClientHarness c, DerControlSpec spec) throws InterruptedException {
        Optional<Element> found = findControl(ctx, c, spec, ctx.patience());
        return found.orElseThrow(() -> ctx.fail(PUBLISHED, "DERControlList",
                "no DERControl with " + spec.mode().element() + "=" + spec.value() + ", start " + spec.startSeconds()
                        + ", duration " + spec.duration().toSeconds() + " s reached the device within "
                        + ctx.patience()));
    }

    /** As {@link #awaitControl} but empty instead of FAIL. */
    static Optional<Element> findControl(CaseContext ctx, SepClientHarness c, DerControlSpec spec, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<Element> hit = c.derControls().stream().filter(d -> matches(d, spec)).findFirst();
            if (hit.isPresent() || System.nanoTime() > deadline) {
                return hit;
            }
            // The target acts on its own time; a device polls, so does the suite (never in the in-process CI path,
            // where the first look finds it).
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** The DERProgram whose DERControlList holds the control with that href (by the list href prefix). */
    static Optional<Element> programOf(SepClientHarness c, Element derc) {
        String href = SepXml.attr(derc, "href").orElse("");
        for (Element p : c.derPrograms()) {
            Optional<String> list = SepXml.link(p, "DERControlListLink");
            if (list.isPresent()) {
                for (Element d : c.items("GET DERControlList", list.get(), "DERControlList")) {
                    if (SepXml.attr(d, "href").orElse("").equals(href)) {
                        return Optional.of(p);
                    }
                }
            }
        }
        return Optional.empty();
    }

    static long status(Element derc) {
        return SepXml.number(derc, "EventStatus", "currentStatus").orElse(-1L);
    }

    static void check(CaseContext ctx, boolean ok, String rule, String element, String message) {
        ctx.check(ok, () -> RuleViolation.must(rule, element, message));
    }

    static void should(CaseContext ctx, boolean ok, String rule, String element, String message) {
        ctx.check(ok, () -> RuleViolation.should(rule, element, message));
    }
}
