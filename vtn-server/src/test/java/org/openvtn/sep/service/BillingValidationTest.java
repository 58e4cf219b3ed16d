package org.openvtn.sep.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link BillingValidation}: sep.xsd limits (String42/32/20, Int48, Int32, UomType, ChargeKind) and interval rules of
 * docs/ieee-2030.5.md "Billing", each refusal naming the JSON path of the field.
 */
class BillingValidationTest {
    private static final String LFDI = "AB".repeat(20);

    private static BillingAccountDefinition account(BillingAccountDefinition.Agreement a) {
        return new BillingAccountDefinition(LFDI, null, 840, -2, "AC", "name", null, List.of(a));
    }

    private static BillingAccountDefinition.Agreement agreement(BillingAccountDefinition.Period p,
                                                                BillingAccountDefinition.Reading r) {
        BillingAccountDefinition.ReadingSet set = new BillingAccountDefinition.ReadingSet(null,
                "2026-01-01T00:00:00Z", "P1D", List.of(r));
        return new BillingAccountDefinition.Agreement(null, null, null, null, List.of(p),
                List.of(new BillingAccountDefinition.MeterReading(null, 72, 3, List.of(set))), null, null);
    }

    private static final BillingAccountDefinition.Period PERIOD = new BillingAccountDefinition.Period(
            "2026-01-01T00:00:00Z", "P31D", 1L, 2L, null);
    private static final BillingAccountDefinition.Reading READING = new BillingAccountDefinition.Reading(null, null,
            5L, List.of(new BillingAccountDefinition.Charge(0, 10L, "x")));

    private static String field(BillingAccountDefinition d) {
        String msg = assertThrows(IllegalArgumentException.class, () -> BillingValidation.check(d)).getMessage();
        return msg.substring(0, msg.indexOf(':'));
    }

    @Test
    void validAccountPasses() {
        BillingValidation.check(account(agreement(PERIOD, READING)));
    }

    @Test
    void eachLimitNamesItsField() {
        assertEquals("agreements[0].billingPeriods[0].billToDate", field(account(agreement(
                new BillingAccountDefinition.Period("2026-01-01T00:00:00Z", "P31D", null, 1L << 47, null), READING))));
        assertEquals("agreements[0].billingPeriods[0].start", field(account(agreement(
                new BillingAccountDefinition.Period("2026-01-01T00:00:00.5Z", "P31D", null, null, null), READING))));
        assertEquals("agreements[0].billingPeriods[0].duration", field(account(agreement(
                new BillingAccountDefinition.Period("2026-01-01T00:00:00Z", "PT0S", null, null, null), READING))));
        assertEquals("agreements[0].historicalReadings[0].readingSets[0].readings[0].charges[0].value",
                field(account(agreement(PERIOD, new BillingAccountDefinition.Reading(null, null, 5L, List.of(
                        new BillingAccountDefinition.Charge(0, 1L << 31, null)))))));
        assertEquals("agreements[0].historicalReadings[0].readingSets[0].readings[0].charges[0].kind",
                field(account(agreement(PERIOD, new BillingAccountDefinition.Reading(null, null, 5L, List.of(
                        new BillingAccountDefinition.Charge(4, 1L, null)))))));
        assertEquals("agreements[0].historicalReadings[0].readingSets[0].readings[0].value",
                field(account(agreement(PERIOD, new BillingAccountDefinition.Reading(null, null, null, null)))));
        assertEquals("customerName", field(new BillingAccountDefinition(LFDI, null, 840, 0, null, "n".repeat(43),
                null, null)));
        assertEquals("currency", field(new BillingAccountDefinition(LFDI, null, 1000, 0, null, null, null, null)));
        assertEquals("pricePowerOfTenMultiplier", field(new BillingAccountDefinition(null, "g", 840, 10, null, null,
                null, null)));
        assertEquals("lfdi", field(new BillingAccountDefinition(null, null, 840, 0, null, null, null, null)));
        assertEquals("agreements", field(new BillingAccountDefinition(LFDI, null, 840, 0, null, null, null,
                Collections.nCopies(101, agreement(PERIOD, READING)))));
    }
}
