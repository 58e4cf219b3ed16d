package org.openvtn.conformance.sep.client;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvtn.conformance.sep.client.DefectiveDeviceIT.assertFails;
import static org.openvtn.conformance.sep.client.DefectiveDeviceIT.run;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openvtn.conformance.runner.CaseResult;

/**
 * The storage rows of {@code sep-client} ({@link StorageCases}) have teeth: OpenVTN's device client (a storage DER in
 * {@link ReferenceDevice}) behind a relay that makes its reports wrong or incomplete fails the named row on
 * {@value StorageCases#STORAGE}. Each test owns its harness, relay and device (port 0), so they run concurrently.
 */
@Execution(ExecutionMode.CONCURRENT)
class DefectiveStorageIT {

    /**
     * CSIP-AUS STO-01 / STO-04: a storage DER that reports no storageModeStatus, another state of charge than its own
     * (80.50 % sent as 12.34 %) and mirrors its stored energy without the Wh unit (uom 72 sent as 0) fails on all
     * three observations; IEEE 2030.5-2018 §10.10.4.5, §10.11.
     */
    @Test
    void reportsWrongStorageStatusAndReadings() throws Exception {
        CaseResult r = run("STO-01", new SepRelay.Defect((path, body) -> body
                .replaceAll("(?s)<storageModeStatus>.*?</storageModeStatus>", "")
                .replaceAll("(?s)(<stateOfChargeStatus>(?:(?!</stateOfChargeStatus>).)*<value>)8050(</value>)", "$11234$2")
                .replace("<uom>72</uom>", "<uom>0</uom>"), UnaryOperator.identity()));
        assertFails(r, StorageCases.STORAGE);
        for (String element : new String[] {"/DERStatus/storageModeStatus", "/DERStatus/stateOfChargeStatus",
                "/MirrorMeterReading/ReadingType/uom"}) {
            assertTrue(r.violations().stream().anyMatch(v -> v.element().equals(element)),
                    () -> element + " not reported: " + r.violations());
        }
    }

    /**
     * CSIP-AUS STO-02 / STO-05: a storage DER whose DERCapability lacks rtgMaxWh and says DERType 4 (PV only), and
     * whose DERSettings sets a charge rate above its rating (4 kW sent as 9 kW against 5 kW), fails on each;
     * IEEE 2030.5-2018 §10.10.4.2, §10.10.4.3.
     */
    @Test
    void reportsWrongStorageRatingsAndSettings() throws Exception {
        Map<String, CaseResult> all = run(new SepRelay.Defect((path, body) -> body
                .replaceAll("(?s)<rtgMaxWh>.*?</rtgMaxWh>", "")
                .replaceAll("(?s)(<DERCapability[^>]*>(?:(?!</DERCapability>).)*<type>)83(</type>)", "$14$2")
                .replaceAll("(?s)(<setMaxChargeRateW>(?:(?!</setMaxChargeRateW>).)*<value>)4000(</value>)", "$19000$2"),
                UnaryOperator.identity()), "STO-02");
        CaseResult r = all.get("STO-02");
        assertFails(r, StorageCases.STORAGE);
        for (String element : new String[] {"/DERCapability/rtgMaxWh", "/DERCapability/type",
                "/DERSettings/setMaxChargeRateW"}) {
            assertTrue(r.violations().stream().anyMatch(v -> v.element().equals(element)),
                    () -> element + " not reported: " + r.violations());
        }
    }
}
