package org.openvtn.conformance.sep.client;

import java.util.List;
import java.util.Optional;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/** Device data rows of {@code sep-client}: the metering mirror (IEEE 2030.5-2018 §10.6; CSIP BASIC-029). */
final class TelemetryCases {
    /** Rule: the device mirrors its readings at the DeviceCapability's MirrorUsagePointListLink (§10.6.2). */
    static final String MIRROR = "sep.client.mirror";

    private TelemetryCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(DeviceCase.of(List.of("BASIC-029"), "metering mirror: given the DeviceCapability's"
                        + " MirrorUsagePointListLink the device POSTs a MirrorUsagePoint (its own LFDI, roleFlags"
                        + " isMirror) there and MirrorMeterReadings with a Reading to the Location it was given",
                "IEEE 2030.5-2018 §10.6.2, Annex C Table C.15; CSIP BASIC-029", TelemetryCases::mirror));
    }

    private static boolean named(SepDeviceHarness.Req r, String local) {
        return r.method().equals("POST") && r.root() != null && local.equals(r.root().getLocalName());
    }

    static void mirror(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        int from = h.count();
        // the device mirrors on its own schedule: wait for its next MirrorMeterReading, no driver action needed
        Optional<SepDeviceHarness.Req> mmr = h.await(from, r -> named(r, "MirrorMeterReading")
                && r.path().startsWith(Scenario.MUP + "/"), s.patience());
        List<SepDeviceHarness.Req> mups = h.requests(0).stream().filter(r -> named(r, "MirrorUsagePoint")).toList();
        s.ctx().check(!mups.isEmpty(), () -> RuleViolation.must(MIRROR, Scenario.MUP, "no MirrorUsagePoint was"
                + " ever POSTed to the MirrorUsagePointListLink " + Scenario.MUP));
        s.ctx().check(mmr.isPresent(), () -> RuleViolation.must(MIRROR, Scenario.MUP, "no MirrorMeterReading POSTed"
                + " to a mirror's Location within " + s.patience().toSeconds() + " s; requests: " + s.fetched(from)));
        for (SepDeviceHarness.Req m : mups) {
            s.ctx().check(m.path().equals(Scenario.MUP), () -> RuleViolation.must(MIRROR, m.path(),
                    "MirrorUsagePoint POSTed to " + m.path() + ", not the linked " + Scenario.MUP));
            String lfdi = m.text("deviceLFDI").orElse("");
            s.ctx().check(lfdi.equalsIgnoreCase(h.lfdi()), () -> RuleViolation.must(MIRROR,
                    "/MirrorUsagePoint/deviceLFDI", "deviceLFDI " + lfdi + ", the device registered " + h.lfdi()));
            s.ctx().check(m.text("roleFlags").isPresent(), () -> RuleViolation.must(MIRROR,
                    "/MirrorUsagePoint/roleFlags", "no roleFlags"));
        }
        mmr.ifPresent(r -> {
            s.ctx().check(r.text("Reading", "value").isPresent(), () -> RuleViolation.must(MIRROR,
                    "/MirrorMeterReading/Reading/value", "a MirrorMeterReading without a Reading value"));
            s.ctx().note("mirrored: " + r.body());
        });
    }
}
