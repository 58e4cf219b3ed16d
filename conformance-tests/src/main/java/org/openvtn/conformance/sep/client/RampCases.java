package org.openvtn.conformance.sep.client;

import java.util.List;
import java.util.Map;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * CSIP-AUS ramp rows of {@code sep-client} (ALL-13, ALL-17, ALL-25, ALL-25-EXT, ALL-28): the ramp the device chooses
 * for each effective control, read through the automation hook's {@code /effective} ({@code ramp}: element, value,
 * origin). IEEE 2030.5-2018 §10.10 (sep.xsd): DERControlBase.rampTms is the "Requested ramp time, in hundredths of
 * a second, for the device to transition from the current DERControl mode setting(s) to the new mode setting(s). If
 * absent, use default ramp rate (setGradW)"; DefaultDERControl.setGradW is that default ramp rate (hundredths of a
 * percent of setMaxW per second). Our reading (docs/sep-client-coverage.md): the procedures' physical ramp is outside
 * what a hook can see, so each row checks the ramp the device has chosen and that it follows the controls.
 */
final class RampCases {
    /** Rule: the device applies the ramp IEEE 2030.5-2018 §10.10 gives (rampTms, else the default setGradW). */
    static final String RAMP = "sep.client.ramp";

    private static final String MODE = "opModMaxLimW";
    private static final String SOURCE = "IEEE 2030.5-2018 §10.10 (DERControlBase.rampTms, DefaultDERControl.setGradW)";

    private RampCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                DeviceCase.of(List.of("ALL-13"), "DefaultDERControl (" + MODE + " = 8000) with setGradW = 27 and no"
                        + " event: the default control applied with the default ramp rate setGradW 27", SOURCE
                        + "; CSIP-AUS ALL-13", RampCases::defaultRamp),
                DeviceCase.of(List.of("ALL-17"), "active DERControl without rampTms and a DefaultDERControl with"
                        + " setGradW = 45: the control applied with the default ramp rate setGradW 45 (\"If absent, use"
                        + " default ramp rate\")", SOURCE + "; CSIP-AUS ALL-17", RampCases::activeWithoutRampTms),
                DeviceCase.of(List.of("ALL-25"), "active DERControl with rampTms = 1500 (15 s): the control applied"
                        + " with that ramp time", SOURCE + "; CSIP-AUS ALL-25", RampCases::activeRampTms),
                DeviceCase.of(List.of("ALL-25-EXT"), "a 30 s DERControl with rampTms = 600 ends: the device returns"
                        + " to the DefaultDERControl with its default ramp rate setGradW 33", SOURCE
                        + "; CSIP-AUS ALL-25-EXT (our reading: ramping back at the event's end)", RampCases::rampBack),
                DeviceCase.of(List.of("ALL-28"), "ramp rates change: a newer DERControl with rampTms = 200 supersedes"
                        + " one with rampTms = 4000, then the DefaultDERControl's setGradW changes 50 -> 80 while the"
                        + " default applies: each change of ramp followed", SOURCE + "; CSIP-AUS ALL-28",
                        RampCases::changingRamps));
    }

    private static Scenario.Program program(DeviceSteps s, long dflt, Integer setGradW) {
        Scenario.Program[] p = new Scenario.Program[1];
        s.harness().edit(sc -> {
            p[0] = sc.program("pr" + DeviceSteps.id(), 1);
            p[0].defaults = new Scenario.Mode(MODE, dflt);
            p[0].setGradW = setGradW;
        });
        return p[0];
    }

    static void defaultRamp(DeviceSteps s) throws Exception {
        GroupCases.needsObservation(s);
        Scenario.Program p = program(s, 8000, 27);
        s.refresh(p.href() + "/ctl");
        s.expectEffective(MODE, 8000L, "default:" + p.href(), "the DefaultDERControl");
        expectRamp(s, "setGradW", 27, "default:" + p.href(), "the default ramp rate of the DefaultDERControl");
    }

    static void activeWithoutRampTms(DeviceSteps s) throws Exception {
        GroupCases.needsObservation(s);
        Scenario.Program p = program(s, 8000, 45);
        Scenario.Control c = s.active(p, MODE, 4100);
        int from = s.harness().count();
        s.refresh(p.href() + "/ctl");
        s.awaitResponse(from, c, 2);
        s.expectEffective(MODE, 4100L, c.href(), "the active control without rampTms");
        expectRamp(s, "setGradW", 45, "default:" + p.href(), "an active control without rampTms");
    }

    static void activeRampTms(DeviceSteps s) throws Exception {
        GroupCases.needsObservation(s);
        Scenario.Program p = program(s, 8000, 45);
        Scenario.Control c = rampedControl(s, p, 4200, 1500, s.harness().now() - 5, 3600);
        int from = s.harness().count();
        s.refresh(p.href() + "/ctl");
        s.awaitResponse(from, c, 2);
        s.expectEffective(MODE, 4200L, c.href(), "the active control with rampTms");
        expectRamp(s, "rampTms", 1500, c.href(), "the active control's rampTms");
    }

    static void rampBack(DeviceSteps s) throws Exception {
        GroupCases.needsObservation(s);
        SepDeviceHarness h = s.harness();
        Scenario.Program p = program(s, 8000, 33);
        Scenario.Control c = rampedControl(s, p, 4300, 600, h.now() - 5, 30);
        int from = h.count();
        s.refresh(p.href() + "/ctl");
        s.awaitResponse(from, c, 2);
        expectRamp(s, "rampTms", 600, c.href(), "the active control's rampTms");
        // completed (Response 3): the event's end as the device executed it, up to 30 s from now
        java.util.Optional<SepDeviceHarness.Req> done = h.await(from, q -> DeviceSteps.isResponse(q, c, 3),
                s.patience().plusSeconds(30));
        s.ctx().check(done.isPresent(), () -> RuleViolation.must(DeviceSteps.RESPONSE, Scenario.RSP, "no Response 3"
                + " (completed) for control " + c.mrid + " within 30 s of its end; Responses seen: " + s.responses(from)));
        s.expectEffective(MODE, 8000L, "default:" + p.href(), "the DefaultDERControl after the event ended");
        expectRamp(s, "setGradW", 33, "default:" + p.href(), "the return to the DefaultDERControl");
    }

    static void changingRamps(DeviceSteps s) throws Exception {
        GroupCases.needsObservation(s);
        SepDeviceHarness h = s.harness();
        Scenario.Program p = program(s, 8000, 50);
        long now = h.now();
        Scenario.Control slow = rampedControl(s, p, 4400, 4000, now - 5, 3600);
        int from = h.count();
        s.refresh(p.href() + "/ctl");
        s.awaitResponse(from, slow, 2);
        expectRamp(s, "rampTms", 4000, slow.href(), "the first control's rampTms");
        Scenario.Control[] fast = new Scenario.Control[1];
        h.edit(sc -> {
            fast[0] = p.control(DeviceSteps.id(), MODE, 4500, now - 5, 3600, now);
            fast[0].rampTms = 200;
        });
        int next = h.count();
        s.refresh(p.href() + "/ctl");
        s.awaitResponse(next, fast[0], 2);
        s.expectEffective(MODE, 4500L, fast[0].href(), "the newer control");
        expectRamp(s, "rampTms", 200, fast[0].href(), "the newer control's rampTms");
        h.edit(sc -> p.controls.clear());
        s.refresh(p.href() + "/ctl");
        s.expectEffective(MODE, 8000L, "default:" + p.href(), "the DefaultDERControl once the controls are gone");
        expectRamp(s, "setGradW", 50, "default:" + p.href(), "the DefaultDERControl's first setGradW");
        h.edit(sc -> p.setGradW = 80);
        s.refresh(p.href() + "/ctl");
        expectRamp(s, "setGradW", 80, "default:" + p.href(), "the DefaultDERControl's changed setGradW");
    }

    private static Scenario.Control rampedControl(DeviceSteps s, Scenario.Program p, long value, int rampTms,
            long start, long duration) {
        Scenario.Control[] c = new Scenario.Control[1];
        s.harness().edit(sc -> {
            c[0] = p.control(DeviceSteps.id(), MODE, value, start, duration, start);
            c[0].rampTms = rampTms;
        });
        return c[0];
    }

    /** Checks the ramp of the device's effective {@link #MODE}: {@code element} = {@code value} from {@code origin}. */
    @SuppressWarnings("unchecked")
    static void expectRamp(DeviceSteps s, String element, int value, String origin, String what) {
        if (s.driver().mode() == DeviceDriver.Mode.CONSOLE) {
            boolean yes = s.driver().confirm("Does the device now ramp " + MODE + " by " + element + " = " + value
                    + " (" + what + ")?").orElse(false);
            s.ctx().check(yes, () -> RuleViolation.must(RAMP, MODE, "the operator says no: " + what));
            return;
        }
        Map<String, Map<String, Object>> eff = s.driver().effective();
        s.ctx().note("effective control: " + eff);
        Map<String, Object> m = eff.get(MODE);
        Object r = m == null ? null : m.get("ramp");
        Map<String, Object> ramp = r instanceof Map<?, ?> x ? (Map<String, Object>) x : Map.of();
        boolean ok = element.equals(ramp.get("element")) && ramp.get("value") instanceof Number n
                && n.intValue() == value && origin.equals(ramp.get("origin"));
        s.ctx().check(ok, () -> RuleViolation.must(RAMP, MODE, what + ": expected the ramp " + element + " = " + value
                + " from " + origin + ", the device reports " + (r == null ? "no ramp" : r)));
    }
}
