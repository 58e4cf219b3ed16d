package org.openvtn.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openvtn.schemas.sep.DERCapability;
import org.openvtn.schemas.sep.DERSettings;

/**
 * A storage DER's self-description (IEEE 2030.5-2018 §10.10.4.2 DERCapability rtgMaxWh, rtgMaxChargeRateW,
 * rtgMaxDischargeRateW; §10.10.4.3 DERSettings setMaxWh, setMaxChargeRateW, setMaxDischargeRateW; CSIP-AUS STO-02)
 * and its DERStatus fields (§10.10.4.5 stateOfChargeStatus, storageModeStatus; CSIP-AUS STO-01).
 */
class DeviceDataStorageTest {

    private static final DeviceData.Ratings RATINGS = new DeviceData.Ratings(83, 0x0001_C100, 5_000, 5_000L, null, null,
            1_000L, 1_000L);
    private static final DeviceData.Settings SETTINGS = new DeviceData.Settings(0x0000_C000, 5_000, null, null, 1_000);

    @Test
    void storageFieldsGoIntoCapabilityAndSettings() {
        DeviceData.Storage st = new DeviceData.Storage(135_000, 5_000, 4_000, null, 3_000L, null);
        DeviceData d = DeviceData.builder().ratings(RATINGS).settings(SETTINGS).storage(st).build();
        DERCapability c = DeviceDataTypes.storage(DeviceDataTypes.capability(d.ratings()), d.storage());
        // 135 000 Wh does not fit UInt16: value 13500 x 10^1
        assertEquals(13_500, c.getRtgMaxWh().getValue());
        assertEquals(1, c.getRtgMaxWh().getMultiplier().getValue());
        assertEquals(5_000, c.getRtgMaxChargeRateW().getValue(), "the storage rate replaces the Ratings one");
        assertEquals(4_000, c.getRtgMaxDischargeRateW().getValue());
        DERSettings s = DeviceDataTypes.storage(DeviceDataTypes.settings(d.settings(), DeviceDataPoster.time(0)),
                d.storage());
        assertEquals(13_500, s.getSetMaxWh().getValue(), "setMaxWh defaults to rtgMaxWh");
        assertEquals(3_000, s.getSetMaxChargeRateW().getValue());
        assertEquals(4_000, s.getSetMaxDischargeRateW().getValue(), "defaults to rtgMaxDischargeRateW");
    }

    @Test
    void withoutStorageNothingIsAdded() {
        DERSettings s = DeviceDataTypes.storage(DeviceDataTypes.settings(SETTINGS, DeviceDataPoster.time(0)), null);
        assertNull(s.getSetMaxWh());
        assertNull(s.getSetMaxChargeRateW());
    }

    @Test
    void storageNeedsRatingsAndSettingsAndSaneValues() {
        DeviceData.Storage st = new DeviceData.Storage(13_500, 5_000, 5_000, null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceData.builder().ratings(RATINGS).storage(st).build());
        assertTrue(e.getMessage().startsWith("storage"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DeviceData.Storage(-1, 0, 0, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new DerStatusReport(7, 2, null, 10_001, null));
        assertThrows(IllegalArgumentException.class, () -> new DerStatusReport(7, 2, null, 5_000, 3));
        assertEquals(2, new DerStatusReport(7, 2, null, 5_000, 2).storageModeStatus());
        assertNull(new DerStatusReport(7, 2, null, 5_000).storageModeStatus());
    }
}
