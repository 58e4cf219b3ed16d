package org.openvtn.conformance.sep.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * Per-reading-type mirror row of {@code sep-client} (CSIP-AUS ALL-06 "individual readings"): beyond BASIC-029's one
 * Reading, the device mirrors each monitored quantity as a MirrorMeterReading of its own (its own mRID and
 * ReadingType) under its MirrorUsagePoint (IEEE 2030.5-2018 §10.11; CSIP-AUS §4.6.1 monitor data). Our reading of
 * the minimum: active power (uom 38, W), reactive power (63, var) and voltage (29, V), each with a Reading value.
 * No driver action: the device mirrors on its own schedule, so the row passes under a patient driver too.
 */
final class MirrorCases {
    /** uom codes (IEEE 2030.5-2018 UomType) the row wants a MirrorMeterReading of, each its own. */
    static final Map<Integer, String> WANTED = new TreeMap<>(Map.of(38, "W (active power)", 63, "var (reactive"
            + " power)", 29, "V (voltage)"));

    private MirrorCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(DeviceCase.of(List.of("ALL-06"), "individual readings: the device mirrors active power (W),"
                        + " reactive power (var) and voltage (V) as MirrorMeterReadings of their own (own mRID and"
                        + " ReadingType uom 38 / 63 / 29), each with a Reading value", "IEEE 2030.5-2018 §10.11"
                        + " MirrorMeterReading, ReadingType; CSIP-AUS §4.6.1; CSIP-AUS ALL-06 (our reading of the"
                        + " minimum set)", MirrorCases::individual));
    }

    static void individual(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        int from = h.count();
        Map<Integer, String> seen = new TreeMap<>(); // uom -> mRID
        long deadline = System.nanoTime() + s.patience().toNanos();
        int at = from;
        while (seen.size() < WANTED.size() && System.nanoTime() - deadline < 0) {
            Optional<SepDeviceHarness.Req> r = h.await(at, q -> q.method().equals("POST") && q.root() != null
                    && "MirrorMeterReading".equals(q.root().getLocalName()) && q.path().startsWith(Scenario.MUP + "/"),
                    java.time.Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (r.isEmpty()) {
                break;
            }
            at = r.get().seq() + 1;
            SepDeviceHarness.Req q = r.get();
            Integer uom = q.text("ReadingType", "uom").filter(v -> v.matches("\\d{1,5}")).map(Integer::valueOf)
                    .orElse(null);
            if (uom != null && WANTED.containsKey(uom) && q.text("Reading", "value").isPresent()) {
                String mrid = q.text("mRID").orElse("?");
                boolean shared = seen.entrySet().stream().anyMatch(e -> !e.getKey().equals(uom)
                        && e.getValue().equalsIgnoreCase(mrid));
                s.ctx().check(!shared, () -> RuleViolation.must(TelemetryCases.MIRROR, "/MirrorMeterReading/mRID",
                        "mRID " + mrid + " used for two reading types " + seen));
                seen.putIfAbsent(uom, mrid);
            }
        }
        s.ctx().note("mirrored reading types (uom -> mRID): " + seen);
        for (var w : WANTED.entrySet()) {
            s.ctx().check(seen.containsKey(w.getKey()), () -> RuleViolation.must(TelemetryCases.MIRROR,
                    "/MirrorMeterReading/ReadingType/uom", "no MirrorMeterReading of " + w.getValue() + " (uom "
                    + w.getKey() + ") with a Reading value within " + s.patience().toSeconds() + " s; seen " + seen));
        }
    }
}
