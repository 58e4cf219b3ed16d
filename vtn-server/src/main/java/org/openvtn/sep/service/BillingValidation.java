package org.openvtn.sep.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@link BillingAccountDefinition} against sep.xsd (string lengths, Int32/Int48, UomType, ChargeKind) and
 * the interval rules of docs/ieee-2030.5.md "Billing": every error is an {@link IllegalArgumentException} whose
 * message starts with the JSON path of the bad field ({@code agreements[0].billingPeriods[1].duration: ...}).
 */
final class BillingValidation {
    /** Longest BillingPeriod / BillingReadingSet interval. */
    static final Duration MAX_INTERVAL = Duration.ofDays(400);
    /** Most items of any one list in a definition (agreements, periods, readings, sets, readings of a set). */
    static final int MAX_ITEMS = 100;
    /** sep.xsd UomType values (IEEE 2030.5-2018 UomType enumeration). */
    static final Set<Integer> UOMS = Set.of(0, 5, 6, 23, 29, 31, 33, 38, 42, 61, 63, 65, 67, 69, 71, 72, 73, 106, 119,
            122, 125, 128, 129, 130, 131, 132, 133, 134, 137, 140, 155, 169);
    private static final long INT48 = 1L << 47;

    private BillingValidation() {
    }

    static void check(BillingAccountDefinition d) {
        if ((d.lfdi() == null) == (d.groupId() == null)) {
            throw new IllegalArgumentException("lfdi: give exactly one of lfdi (one device) or groupId (its devices)");
        }
        if (d.lfdi() != null && !d.lfdi().matches("[0-9A-Fa-f]{40}")) {
            throw new IllegalArgumentException("lfdi: 40 hex digits");
        }
        if (d.groupId() != null && (d.groupId().isBlank() || d.groupId().length() > 64)) {
            throw new IllegalArgumentException("groupId: 1..64 characters");
        }
        if (d.currency() == null || d.currency() < 0 || d.currency() > 999) {
            throw new IllegalArgumentException("currency: an ISO 4217 numeric code 0..999 is required");
        }
        if (d.pricePowerOfTenMultiplier() != null && Math.abs(d.pricePowerOfTenMultiplier()) > 9) {
            throw new IllegalArgumentException("pricePowerOfTenMultiplier: -9..9");
        }
        text("customerAccount", d.customerAccount(), 42);
        text("customerName", d.customerName(), 42);
        text("description", d.description(), 32);
        List<BillingAccountDefinition.Agreement> agreements = items("agreements", d.agreements());
        for (int i = 0; i < agreements.size(); i++) {
            agreement("agreements[" + i + "]", agreements.get(i));
        }
    }

    private static void agreement(String at, BillingAccountDefinition.Agreement a) {
        text(at + ".description", a.description(), 32);
        text(at + ".serviceAccount", a.serviceAccount(), 42);
        text(at + ".serviceLocation", a.serviceLocation(), 42);
        List<BillingAccountDefinition.Period> periods = items(at + ".billingPeriods", a.billingPeriods());
        for (int i = 0; i < periods.size(); i++) {
            BillingAccountDefinition.Period p = periods.get(i);
            String pat = at + ".billingPeriods[" + i + "]";
            interval(pat, p.start(), p.duration());
            int48(pat + ".billLastPeriod", p.billLastPeriod());
            int48(pat + ".billToDate", p.billToDate());
            if (p.statusTimeStamp() != null) {
                instant(pat + ".statusTimeStamp", p.statusTimeStamp());
            }
        }
        meterReadings(at + ".historicalReadings", a.historicalReadings());
        meterReadings(at + ".projectionReadings", a.projectionReadings());
        meterReadings(at + ".targetReadings", a.targetReadings());
    }

    private static void meterReadings(String at, List<BillingAccountDefinition.MeterReading> list) {
        List<BillingAccountDefinition.MeterReading> all = items(at, list);
        for (int i = 0; i < all.size(); i++) {
            BillingAccountDefinition.MeterReading m = all.get(i);
            String mat = at + "[" + i + "]";
            text(mat + ".description", m.description(), 32);
            if (m.uom() == null || !UOMS.contains(m.uom())) {
                throw new IllegalArgumentException(mat + ".uom: a sep.xsd UomType value (72 Wh, 38 W, 61 VA, 63 var,"
                        + " ...) is required; got " + m.uom());
            }
            if (m.powerOfTenMultiplier() != null && Math.abs(m.powerOfTenMultiplier()) > 9) {
                throw new IllegalArgumentException(mat + ".powerOfTenMultiplier: -9..9");
            }
            List<BillingAccountDefinition.ReadingSet> sets = items(mat + ".readingSets", m.readingSets());
            for (int j = 0; j < sets.size(); j++) {
                readingSet(mat + ".readingSets[" + j + "]", sets.get(j));
            }
        }
    }

    private static void readingSet(String at, BillingAccountDefinition.ReadingSet s) {
        text(at + ".description", s.description(), 32);
        Instant start = interval(at, s.start(), s.duration());
        Instant end = start.plus(Duration.parse(s.duration()));
        List<BillingAccountDefinition.Reading> readings = items(at + ".readings", s.readings());
        for (int i = 0; i < readings.size(); i++) {
            BillingAccountDefinition.Reading r = readings.get(i);
            String rat = at + ".readings[" + i + "]";
            if (r.value() == null) {
                throw new IllegalArgumentException(rat + ".value: required (Int48)");
            }
            int48(rat + ".value", r.value());
            if (r.start() != null || r.duration() != null) {
                Instant rs = interval(rat, r.start(), r.duration());
                if (rs.isBefore(start) || rs.plus(Duration.parse(r.duration())).isAfter(end)) {
                    throw new IllegalArgumentException(rat + ".start: the reading's timePeriod must lie inside its"
                            + " reading set's");
                }
            }
            List<BillingAccountDefinition.Charge> charges = items(rat + ".charges", r.charges());
            for (int j = 0; j < charges.size(); j++) {
                BillingAccountDefinition.Charge c = charges.get(j);
                String cat = rat + ".charges[" + j + "]";
                if (c.kind() != null && (c.kind() < 0 || c.kind() > 3)) {
                    throw new IllegalArgumentException(cat + ".kind: ChargeKind 0 consumption, 1 rebate, 2 auxiliary"
                            + " or 3 demand");
                }
                if (c.value() == null || c.value() < Integer.MIN_VALUE || c.value() > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(cat + ".value: required, Int32");
                }
                text(cat + ".description", c.description(), 20);
            }
        }
    }

    private static Instant interval(String at, String start, String duration) {
        if (start == null || duration == null) {
            throw new IllegalArgumentException(at + ".start: start and duration are required");
        }
        Instant s = instant(at + ".start", start);
        Duration d;
        try {
            d = Duration.parse(duration);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(at + ".duration: an ISO-8601 duration such as P30D");
        }
        if (d.toSeconds() < 1 || d.compareTo(MAX_INTERVAL) > 0 || d.getNano() != 0) {
            throw new IllegalArgumentException(at + ".duration: whole seconds, 1 s .. 400 days");
        }
        return s;
    }

    static Instant instant(String at, String text) {
        try {
            Instant i = Instant.parse(text);
            if (i.getNano() != 0 || i.isBefore(Instant.EPOCH)) {
                throw new IllegalArgumentException(at + ": whole seconds, not before 1970");
            }
            return i;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(at + ": an ISO-8601 instant such as 2026-03-01T00:00:00Z");
        }
    }

    private static void int48(String at, Long v) {
        if (v != null && (v < -INT48 || v >= INT48)) {
            throw new IllegalArgumentException(at + ": outside Int48");
        }
    }

    private static void text(String at, String v, int maxBytes) {
        if (v != null && v.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new IllegalArgumentException(at + ": at most " + maxBytes + " bytes (sep.xsd String" + maxBytes
                    + ")");
        }
    }

    private static <T> List<T> items(String at, List<T> list) {
        if (list == null) {
            return List.of();
        }
        if (list.size() > MAX_ITEMS || list.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException(at + ": at most " + MAX_ITEMS + " items, none null");
        }
        return list;
    }
}
