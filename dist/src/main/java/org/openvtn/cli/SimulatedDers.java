package org.openvtn.cli;

import java.util.ArrayList;
import java.util.List;
import org.openvtn.device.DeviceData;
import org.openvtn.device.TelemetryReading;
import org.openvtn.device.TelemetrySource;

/**
 * {@code openvtn device --ders N}: several DERs behind one simulated EndDevice (CSIP-AUS MUL-01..03; IEEE 2030.5-2018
 * §10.10.4.1 DERList). DER 1 is the device's own simulated DER; DERs 2..N are 5 kW PV inverters. The mirror carries
 * each DER's active power (W) and the site active power as their sum (MUL-02).
 */
final class SimulatedDers {
    /** The mRID of the site active power reading that becomes the aggregate. */
    static final String SITE_ACTIVE_POWER = org.openvtn.device.SimulatedDer.ACTIVE_POWER_MRID;

    private SimulatedDers() {
    }

    /** The first DER's data, then {@code n - 1} PV inverters of 5 kW. */
    static List<DeviceData> data(DeviceData first, int n) {
        List<DeviceData> all = new ArrayList<>(List.of(first));
        for (int i = 2; i <= n; i++) {
            all.add(DeviceData.builder()
                    .ratings(new DeviceData.Ratings(4, 0x0001_C100, 5_000, 5_000L, null, null, null, null))
                    .settings(new DeviceData.Settings(0x0000_C000, 5_000, null, null, 1_000)).build());
        }
        return all;
    }

    /**
     * {@code site}'s readings with the site active power replaced by the sum of {@code n} DERs' active power, and each
     * DER's own (mRID 5EED...D00i): DER 1's is the site's (the simulated DER acting on its control), the others each
     * wander on their own phase.
     */
    static TelemetrySource telemetry(TelemetrySource site, int n) {
        return now -> {
            long t = now.getEpochSecond();
            List<TelemetryReading> siteReadings = site.read(now);
            // DER 1 is the device's own DER, which acts on the effective control (SimulatedDer): its active power
            Long own = siteReadings.stream().filter(r -> r.mrid().equals(SITE_ACTIVE_POWER)).findFirst()
                    .map(TelemetryReading::value).orElse(null);
            List<TelemetryReading> out = new ArrayList<>();
            long total = 0;
            for (int i = 1; i <= n; i++) {
                long w = i == 1 && own != null ? own : Math.round(2500 + 1500 * Math.sin(t / 600.0 + i));
                total += w;
                out.add(new TelemetryReading(String.format("5EED0000000000000000000000%06X", 0xD000 + i),
                        "DER " + i + " active power", w, 0, 38, 1, 12));
            }
            long sum = total;
            List<TelemetryReading> all = new ArrayList<>();
            for (TelemetryReading r : siteReadings) {
                all.add(r.mrid().equals(SITE_ACTIVE_POWER) ? new TelemetryReading(r.mrid(), "site active power (DER sum)", sum, r.powerOfTenMultiplier(), r.uom(), r.flowDirection(), r.accumulation()) : r);
            }
            all.addAll(out);
            return all;
        };
    }
}
