package org.openvtn.conformance.sep.client;

import java.util.List;
import java.util.Optional;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * Device data rows of {@code sep-client}: DERStatus (IEEE 2030.5-2018 §10.10.4.5; CSIP BASIC-028) and the metering
 * mirror (§10.11; CSIP BASIC-029).
 */
final class TelemetryCases {
    /** Rule: the device mirrors its readings at the DeviceCapability's MirrorUsagePointListLink (§10.11). */
    static final String MIRROR = "sep.client.mirror";
    /** Rule: the device PUTs its DERStatus to the DERStatusLink of its DER (§10.10.4.5; CSIP BASIC-028). */
    static final String STATUS = "sep.client.derStatus";

    private TelemetryCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(DeviceCase.of(List.of("BASIC-028"), "DERStatus: given the EndDevice's DERListLink the"
                        + " device PUTs the DERStatus it is asked to report (genConnectStatus, operationalModeStatus) to"
                        + " its DER's DERStatusLink, readingTime the server's time",
                "IEEE 2030.5-2018 §10.10.4.5 DERStatus; CSIP BASIC-028", TelemetryCases::derStatus),
                DeviceCase.of(List.of("BASIC-029"), "metering mirror: given the DeviceCapability's"
                        + " MirrorUsagePointListLink the device POSTs a MirrorUsagePoint (its own LFDI, roleFlags"
                        + " isMirror) there and MirrorMeterReadings with a Reading to the Location it was given",
                "IEEE 2030.5-2018 §10.11, Annex C Table C.15; CSIP BASIC-029", TelemetryCases::mirror));
    }

    private static boolean named(SepDeviceHarness.Req r, String local) {
        return r.method().equals("POST") && r.root() != null && local.equals(r.root().getLocalName());
    }

    static void derStatus(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        h.edit(sc -> sc.derList = true);
        s.refresh(null);
        int from = h.count();
        boolean known = s.driver().derStatus(1, 2);
        Optional<SepDeviceHarness.Req> put = h.await(from, r -> r.method().equals("PUT")
                && r.path().equals(Scenario.DER_STATUS), s.patience());
        s.ctx().check(put.isPresent(), () -> RuleViolation.must(STATUS, Scenario.DER_STATUS, "no DERStatus PUT to"
                + " the DER's DERStatusLink within " + s.patience().toSeconds() + " s; requests: " + s.fetched(from)));
        if (put.isEmpty()) {
            return;
        }
        SepDeviceHarness.Req r = put.get();
        s.ctx().check(r.root() != null && "DERStatus".equals(r.root().getLocalName()), () -> RuleViolation.must(STATUS,
                Scenario.DER_STATUS, "the PUT body is not a DERStatus"));
        if (known) {
            s.ctx().check(r.text("genConnectStatus", "value").map("01"::equalsIgnoreCase).orElse(false)
                            || r.text("genConnectStatus", "value").map("1"::equals).orElse(false),
                    () -> RuleViolation.must(STATUS, "/DERStatus/genConnectStatus", "genConnectStatus "
                            + r.text("genConnectStatus", "value").orElse("absent") + ", the device was asked for 1"));
            s.ctx().check(r.text("operationalModeStatus", "value").map("2"::equals).orElse(false),
                    () -> RuleViolation.must(STATUS, "/DERStatus/operationalModeStatus", "operationalModeStatus "
                            + r.text("operationalModeStatus", "value").orElse("absent") + ", the device was asked for 2"));
        }
        long now = h.now();
        long at = r.text("readingTime").map(Long::parseLong).orElse(-1L);
        s.ctx().check(Math.abs(at - now) <= 60, () -> RuleViolation.must(STATUS, "/DERStatus/readingTime",
                "readingTime " + at + ", the server's time is " + now + " (±60 s)"));
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
