package org.openvtn.conformance.sep.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * CSIP-AUS rows for several DERs behind one EndDevice (MUL-01 "Returning DERStatus Values for Multiple DER", MUL-02
 * "Reporting Aggregated Telemetry for Multiple DER", MUL-03 "Validate DERCapability and DERSettings For Multiple
 * DER"). The harness serves a DERList of as many DERs as the device has (target property {@code ders}, default 2;
 * a device of one DER skips the rows), one per page, each DER with links of its own (IEEE 2030.5-2018 §10.10.4.1).
 * The procedure text is not public; our reading (docs/sep-client-coverage.md): every DER PUTs its own DERStatus,
 * DERCapability and DERSettings to its own links; the site's mirror carries the aggregate active power of the DERs
 * (uom 38, W) next to each DER's own, and the aggregate is their sum (§10.11; CSIP-AUS §4.6 monitoring).
 */
final class MultiDerCases {
    /** Rule: each DER of an EndDevice with several reports its own data, and the aggregate adds them up. */
    static final String MULTI = "sep.client.multipleDer";
    /** ReadingType uom of active power (IEEE 2030.5 UomType 38 = W). */
    static final int W = 38;

    private MultiDerCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                DeviceCase.of(List.of("MUL-01"), "DERStatus of several DERs: given a DERList of N DERs (target"
                                + " property ders, default 2) the device PUTs the DERStatus it is asked to report to"
                                + " every DER's own DERStatusLink", "IEEE 2030.5-2018 §10.10.4.1 DERList, §10.10.4.5"
                                + " DERStatus; CSIP-AUS MUL-01 (our reading)", MultiDerCases::status),
                DeviceCase.of(List.of("MUL-02"), "aggregated telemetry of several DERs: the device mirrors each DER's"
                                + " active power (uom 38) and the site aggregate, which is their sum (±1 W per DER)",
                        "IEEE 2030.5-2018 §10.11 MirrorMeterReading; CSIP-AUS MUL-02 (our reading)",
                        MultiDerCases::aggregate),
                DeviceCase.of(List.of("MUL-03"), "DERCapability and DERSettings of several DERs: the device PUTs a"
                                + " DERCapability (rtgMaxW) and a DERSettings (setMaxW not above it) to every DER's own"
                                + " links", "IEEE 2030.5-2018 §10.10.4.2, §10.10.4.3; CSIP-AUS MUL-03 (our reading)",
                        MultiDerCases::ratingsAndSettings));
    }

    /** The DER count of the device under test; a device of one DER skips the row. */
    private static int ders(DeviceSteps s) {
        int n = Integer.parseInt(s.ctx().target().property("ders", "2").trim());
        if (n < 2) {
            throw s.ctx().skip("the device has one DER (target property ders=" + n + ")");
        }
        return n;
    }

    /** Serves a DERList of the device's DER count; returns that count. */
    private static int offerDers(DeviceSteps s) {
        int n = ders(s);
        s.harness().edit(sc -> {
            sc.derList = true;
            sc.ders = n;
        });
        return n;
    }

    static void status(DeviceSteps s) throws Exception {
        int n = offerDers(s);
        SepDeviceHarness h = s.harness();
        s.refresh(null);
        int from = h.count();
        boolean known = s.driver().derStatus(1, 2);
        for (int i = 1; i <= n; i++) {
            String path = Scenario.derStatus(i);
            Optional<SepDeviceHarness.Req> put = h.await(from, r -> r.method().equals("PUT") && r.path().equals(path),
                    s.patience());
            int der = i;
            s.ctx().check(put.isPresent(), () -> RuleViolation.must(MULTI, path, "no DERStatus PUT to DER " + der
                    + "'s DERStatusLink within " + s.patience().toSeconds() + " s; requests: " + s.fetched(from)));
            put.ifPresent(r -> s.ctx().check(!known || r.text("operationalModeStatus", "value").map("2"::equals)
                    .orElse(false), () -> RuleViolation.must(MULTI, "/DERStatus/operationalModeStatus", "DER " + der
                    + ": operationalModeStatus " + r.text("operationalModeStatus", "value").orElse("absent")
                    + ", the device was asked for 2")));
        }
    }

    static void ratingsAndSettings(DeviceSteps s) throws Exception {
        int n = ders(s);
        s.harness().edit(sc -> sc.ders = n);
        int from = DataCases.offer(s);
        for (int i = 1; i <= n; i++) {
            int der = i;
            Optional<Double> cap = put(s, from, Scenario.derCapability(i), "DERCapability", "rtgMaxW", der);
            Optional<Double> set = put(s, from, Scenario.derSettings(i), "DERSettings", "setMaxW", der);
            if (cap.isPresent() && set.isPresent()) {
                s.ctx().check(set.get() <= cap.get(), () -> RuleViolation.must(MULTI, "/DERSettings/setMaxW", "DER "
                        + der + ": setMaxW " + set.get() + " is above rtgMaxW " + cap.get()));
            }
        }
    }

    /** The {@code type} PUT to {@code path} and its {@code field} (value x 10^multiplier), checked present. */
    private static Optional<Double> put(DeviceSteps s, int from, String path, String type, String field, int der)
            throws InterruptedException {
        Optional<SepDeviceHarness.Req> put = s.harness().await(from, r -> r.method().equals("PUT")
                && r.path().equals(path) && r.root() != null && type.equals(r.root().getLocalName()), s.patience());
        s.ctx().check(put.isPresent(), () -> RuleViolation.must(MULTI, path, "no " + type + " PUT to DER " + der
                + "'s own link " + path + " within " + s.patience().toSeconds() + " s; requests: " + s.fetched(from)));
        Optional<Double> v = put.flatMap(r -> scaled(r, field));
        put.ifPresent(r -> s.ctx().check(v.isPresent(), () -> RuleViolation.must(MULTI, "/" + type + "/" + field,
                "DER " + der + ": no " + field + " value")));
        return v;
    }

    static void aggregate(DeviceSteps s) throws Exception {
        int n = offerDers(s);
        SepDeviceHarness h = s.harness();
        int from = h.count();
        // the device mirrors on its own schedule: collect active-power readings until one round holds n + 1 points
        long deadline = System.nanoTime() + s.patience().toNanos();
        Map<String, Double> latest = new LinkedHashMap<>();
        while (latest.size() < n + 1 && System.nanoTime() < deadline) {
            h.await(h.count(), r -> true, java.time.Duration.ofSeconds(1));
            latest = activePower(h.requests(from));
        }
        Map<String, Double> points = latest;
        s.ctx().check(points.size() >= n + 1, () -> RuleViolation.must(MULTI, "/MirrorMeterReading/ReadingType/uom",
                "active power (uom " + W + ") mirrored for " + points.size() + " points within " + s.patience()
                        .toSeconds() + " s; " + n + " DERs and their aggregate make " + (n + 1)));
        if (points.size() < n + 1) {
            return;
        }
        // the aggregate is the point whose value is the sum of all the others (the largest magnitude)
        List<Double> values = new ArrayList<>(points.values());
        double total = values.stream().mapToDouble(Double::doubleValue).sum();
        boolean summed = values.stream().anyMatch(v -> Math.abs(total - v - v) <= n);
        s.ctx().check(summed, () -> RuleViolation.must(MULTI, "/MirrorMeterReading/Reading/value", "no mirrored"
                + " active power is the sum of the others (each DER's and the aggregate): " + points));
        s.ctx().note("active power mirrored (mRID -> W): " + points);
    }

    /** Latest active power (W) per MirrorMeterReading mRID among {@code reqs}. */
    private static Map<String, Double> activePower(List<SepDeviceHarness.Req> reqs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (SepDeviceHarness.Req r : reqs) {
            if (r.method().equals("POST") && r.root() != null && "MirrorMeterReading".equals(r.root().getLocalName())
                    && r.path().startsWith(Scenario.MUP + "/")
                    && r.text("ReadingType", "uom").filter(String.valueOf(W)::equals).isPresent()) {
                Optional<String> v = r.text("Reading", "value").filter(x -> x.matches("-?\\d{1,15}"));
                int m = r.text("ReadingType", "powerOfTenMultiplier").filter(x -> x.matches("-?\\d{1,2}"))
                        .map(Integer::parseInt).orElse(0);
                v.ifPresent(x -> out.put(r.text("mRID").orElse("?"), Double.parseDouble(x) * Math.pow(10, m)));
            }
        }
        return out;
    }

    /** value x 10^multiplier of {@code field}; empty when absent. */
    private static Optional<Double> scaled(SepDeviceHarness.Req r, String field) {
        Optional<String> v = r.text(field, "value").filter(x -> x.matches("-?\\d{1,6}"));
        int m = r.text(field, "multiplier").filter(x -> x.matches("-?\\d{1,2}")).map(Integer::parseInt).orElse(0);
        return v.map(x -> Double.parseDouble(x) * Math.pow(10, m));
    }
}
