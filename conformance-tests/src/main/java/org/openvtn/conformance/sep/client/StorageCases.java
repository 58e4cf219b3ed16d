package org.openvtn.conformance.sep.client;

import java.util.List;
import java.util.Optional;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * CSIP-AUS storage monitoring rows of {@code sep-client}: "Individual readings - storage" (STO-01, repeated as
 * STO-04) and "Capabilities and settings - storage" (STO-02, repeated as STO-05). The procedure text is not public;
 * our reading (docs/sep-client-coverage.md, conformance-tests/README.md): a storage DER reports, beyond what ALL-06 to
 * ALL-09 ask of every DER, its state of charge and storage mode in DERStatus (IEEE 2030.5-2018 §10.10.4.5
 * stateOfChargeStatus, storageModeStatus), mirrors its stored energy as a MirrorMeterReading of its own (§10.11,
 * ReadingType uom 72 Wh), and gives its storage nameplate and settings in DERCapability (§10.10.4.2: DERType 80..83,
 * rtgMaxWh, rtgMaxChargeRateW, rtgMaxDischargeRateW) and DERSettings (§10.10.4.3: setMaxWh, setMaxChargeRateW,
 * setMaxDischargeRateW, each within its rating). The repeated IDs are the same observation: monitoring data does
 * not depend on whether controls reach the device by polling or by Notification (the reading that makes GEN-05 … 08
 * notification rows has nothing to change here), so one row realises both.
 */
final class StorageCases {
    /** Rule: a storage DER reports its storage status, readings, ratings and settings. */
    static final String STORAGE = "sep.client.storage";
    /** ReadingType uom of stored energy (IEEE 2030.5 UomType 72 = Wh). */
    static final int WH = 72;

    private StorageCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                DeviceCase.of(List.of("STO-01", "STO-04"), "individual readings - storage: the device PUTs the"
                                + " DERStatus stateOfChargeStatus and storageModeStatus it is asked to report (80.50 %"
                                + " charging, then 30.00 % discharging) and mirrors its stored energy as a"
                                + " MirrorMeterReading of its own (ReadingType uom 72, Wh) with a Reading value",
                        "IEEE 2030.5-2018 §10.10.4.5 DERStatus, §10.11 MirrorMeterReading; CSIP-AUS STO-01 / STO-04"
                                + " (our reading)", StorageCases::readings),
                DeviceCase.of(List.of("STO-02", "STO-05"), "capabilities and settings - storage: the device PUTs a"
                                + " DERCapability of a storage DERType (80..83) with rtgMaxWh, rtgMaxChargeRateW and"
                                + " rtgMaxDischargeRateW, and a DERSettings with setMaxWh, setMaxChargeRateW and"
                                + " setMaxDischargeRateW, none above its rating", "IEEE 2030.5-2018 §10.10.4.2"
                                + " DERCapability, §10.10.4.3 DERSettings; CSIP-AUS STO-02 / STO-05 (our reading)",
                        StorageCases::ratingsAndSettings));
    }

    static void readings(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        h.edit(sc -> sc.derList = true);
        s.refresh(null);
        int mirrorFrom = h.count();
        for (int[] st : new int[][] {{8050, 0}, {3000, 1}}) {
            int from = h.count();
            boolean known = s.driver().storageStatus(st[0], st[1]);
            Optional<SepDeviceHarness.Req> put = h.await(from, r -> r.method().equals("PUT")
                    && r.path().equals(Scenario.DER_STATUS), s.patience());
            s.ctx().check(put.isPresent(), () -> RuleViolation.must(STORAGE, Scenario.DER_STATUS, "no DERStatus PUT"
                    + " to the DER's DERStatusLink within " + s.patience().toSeconds() + " s; requests: "
                    + s.fetched(from)));
            if (put.isEmpty()) {
                continue;
            }
            check(s, put.get(), "stateOfChargeStatus", known ? st[0] : null, 10_000);
            check(s, put.get(), "storageModeStatus", known ? st[1] : null, 2);
        }
        // the stored energy, mirrored on the device's own schedule (ALL-06's mirror, one more reading type)
        Optional<SepDeviceHarness.Req> wh = h.await(mirrorFrom, q -> q.method().equals("POST") && q.root() != null
                && "MirrorMeterReading".equals(q.root().getLocalName()) && q.path().startsWith(Scenario.MUP + "/")
                && q.text("ReadingType", "uom").filter(String.valueOf(WH)::equals).isPresent()
                && q.text("Reading", "value").isPresent(), s.patience());
        s.ctx().check(wh.isPresent(), () -> RuleViolation.must(STORAGE, "/MirrorMeterReading/ReadingType/uom",
                "no MirrorMeterReading of stored energy (uom " + WH + ", Wh) with a Reading value within "
                        + s.patience().toSeconds() + " s"));
        wh.ifPresent(q -> s.ctx().note("stored energy mirrored: mRID " + q.text("mRID").orElse("?") + ", value "
                + q.text("Reading", "value").orElse("?")));
    }

    /** {@code field}/value present, 0..max, and {@code expected} when the suite knows it. */
    private static void check(DeviceSteps s, SepDeviceHarness.Req put, String field, Integer expected, int max) {
        String sent = put.text(field, "value").orElse("absent");
        Integer got = sent.matches("\\d{1,5}") ? Integer.valueOf(sent) : null;
        s.ctx().check(got != null && got <= max && (expected == null || got.equals(expected)), () ->
                RuleViolation.must(STORAGE, "/DERStatus/" + field, field + " " + sent + (expected == null
                        ? ", a value 0.." + max + " wanted" : ", the device was asked for " + expected)));
    }

    static void ratingsAndSettings(DeviceSteps s) throws Exception {
        int from = DataCases.offer(s);
        Optional<SepDeviceHarness.Req> cap = DataCases.reported(s, from, Scenario.DER_CAPABILITY, "DERCapability");
        Optional<SepDeviceHarness.Req> set = DataCases.reported(s, from, Scenario.DER_SETTINGS, "DERSettings");
        cap.ifPresent(r -> {
            String type = r.text("type").orElse("absent");
            s.ctx().check(type.matches("8[0-3]"), () -> RuleViolation.must(STORAGE, "/DERCapability/type", "DERType "
                    + type + ", a storage DER is 80 (storage), 81 (EV), 82 (EVSE) or 83 (PV and storage)"));
        });
        String[][] pairs = {{"rtgMaxWh", "setMaxWh"}, {"rtgMaxChargeRateW", "setMaxChargeRateW"},
                {"rtgMaxDischargeRateW", "setMaxDischargeRateW"}};
        for (String[] p : pairs) {
            Double rating = cap.map(r -> scaled(s, r, "DERCapability", p[0])).orElse(null);
            Double setting = set.map(r -> scaled(s, r, "DERSettings", p[1])).orElse(null);
            if (rating != null && setting != null) {
                s.ctx().check(setting <= rating, () -> RuleViolation.must(STORAGE, "/DERSettings/" + p[1], p[1] + " "
                        + setting + " is above " + p[0] + " " + rating));
            }
        }
        cap.ifPresent(r -> s.ctx().note("DERCapability: " + r.body()));
        set.ifPresent(r -> s.ctx().note("DERSettings: " + r.body()));
    }

    /** value x 10^multiplier of {@code field}, checked present; null when absent. */
    private static Double scaled(DeviceSteps s, SepDeviceHarness.Req r, String type, String field) {
        Optional<String> v = r.text(field, "value").filter(x -> x.matches("-?\\d{1,6}"));
        s.ctx().check(v.isPresent(), () -> RuleViolation.must(STORAGE, "/" + type + "/" + field, "no " + field
                + " value: a storage DER gives it"));
        int m = r.text(field, "multiplier").filter(x -> x.matches("-?\\d{1,2}")).map(Integer::parseInt).orElse(0);
        return v.map(x -> Double.parseDouble(x) * Math.pow(10, m)).orElse(null);
    }
}
