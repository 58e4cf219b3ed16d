package org.openvtn.sep.service;

import java.util.List;

/**
 * One CustomerAccount of the Billing function set (IEEE 2030.5-2018 §10.7; sep.xsd CustomerAccount,
 * CustomerAgreement, BillingPeriod, HistoricalReading / ProjectionReading / TargetReading, BillingReadingSet,
 * BillingReading, Charge) as the operator defines it through the admin API; validated by
 * {@link BillingValidation}. Times are ISO-8601 instants, durations ISO-8601 durations; money is in the account's
 * currency at 10^pricePowerOfTenMultiplier.
 *
 * @param lfdi                     the one device that sees the account, or null
 * @param groupId                  the group whose devices see it, or null (exactly one of lfdi / groupId)
 * @param currency                 ISO 4217 numeric code
 * @param pricePowerOfTenMultiplier -9..9, the multiplier of every money amount below
 * @param customerAccount          the customer's account identifier (String42) or null
 * @param customerName             the customer's name (String42) or null
 * @param description              description (String32) or null
 * @param agreements               the account's CustomerAgreements, in list order
 */
public record BillingAccountDefinition(String lfdi, String groupId, Integer currency, Integer pricePowerOfTenMultiplier,
                                       String customerAccount, String customerName, String description,
                                       List<Agreement> agreements) {

    /**
     * A CustomerAgreement.
     *
     * @param description        description (String32) or null
     * @param serviceAccount     serviceAccount (String42) or null
     * @param serviceLocation    serviceLocation (String42) or null
     * @param tariff             true: TariffProfileLink to the program's TariffProfile (the program must have one)
     * @param billingPeriods     BillingPeriods
     * @param historicalReadings HistoricalReadings (what was used)
     * @param projectionReadings ProjectionReadings (what the period is expected to come to)
     * @param targetReadings     TargetReadings (what the customer aims for)
     */
    public record Agreement(String description, String serviceAccount, String serviceLocation, Boolean tariff,
                            List<Period> billingPeriods, List<MeterReading> historicalReadings,
                            List<MeterReading> projectionReadings, List<MeterReading> targetReadings) {
    }

    /**
     * A BillingPeriod.
     *
     * @param start           interval start
     * @param duration        interval duration, 1 s .. 400 days
     * @param billLastPeriod  the bill of the previous period (Int48) or null
     * @param billToDate      the bill so far (Int48) or null
     * @param statusTimeStamp when billToDate was computed, or null
     */
    public record Period(String start, String duration, Long billLastPeriod, Long billToDate, String statusTimeStamp) {
    }

    /**
     * A HistoricalReading, ProjectionReading or TargetReading (BillingMeterReadingBase) and its ReadingType.
     *
     * @param description          description (String32) or null
     * @param uom                  ReadingType.uom (sep.xsd UomType)
     * @param powerOfTenMultiplier ReadingType.powerOfTenMultiplier, -9..9 (default 0)
     * @param readingSets          its BillingReadingSets
     */
    public record MeterReading(String description, Integer uom, Integer powerOfTenMultiplier,
                               List<ReadingSet> readingSets) {
    }

    /**
     * A BillingReadingSet.
     *
     * @param description description (String32) or null
     * @param start       timePeriod start
     * @param duration    timePeriod duration, 1 s .. 400 days
     * @param readings    its BillingReadings, each inside the set's timePeriod
     */
    public record ReadingSet(String description, String start, String duration, List<Reading> readings) {
    }

    /**
     * A BillingReading.
     *
     * @param start    timePeriod start, or null (then the reading has no timePeriod)
     * @param duration timePeriod duration (with start)
     * @param value    value (Int48) at the ReadingType's multiplier
     * @param charges  its Charges
     */
    public record Reading(String start, String duration, Long value, List<Charge> charges) {
    }

    /**
     * A Charge of a BillingReading.
     *
     * @param kind        ChargeKind 0 consumption, 1 rebate, 2 auxiliary, 3 demand
     * @param value       value (Int32) in the account's currency at its multiplier
     * @param description description (String20) or null
     */
    public record Charge(Integer kind, Long value, String description) {
    }

    /** @return the agreements, never null */
    public List<Agreement> agreementsOrEmpty() {
        return agreements == null ? List.of() : agreements;
    }
}
