package org.openvtn.sep.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.openvtn.core.ProgramService;
import org.openvtn.sep.store.JdbcSepRecordStore;
import org.openvtn.sep.store.JdbcTariffStore;

/**
 * The Pricing function set's operator side (IEEE 2030.5-2018 §10.5): one TariffProfile per core program and its
 * RateComponents, each fed by one OpenADR price signal of the program ({@link RateComponentDefinition#signal}). The
 * TimeTariffIntervals are the program's events ({@link ControlMapping}); a change here notifies subscribers of the
 * program's pricing resources.
 */
public final class PricingService {
    /** The largest rate component index ({n} of {@code .../rc/{n}}). */
    public static final int MAX_ID = 999_999;

    private final JdbcTariffStore store;
    private final JdbcSepRecordStore records;
    private final ProgramService programs;
    private final Clock clock;

    public PricingService(JdbcTariffStore store, JdbcSepRecordStore records, ProgramService programs, Clock clock) {
        this.store = store;
        this.records = records;
        this.programs = programs;
        this.clock = clock;
    }

    /** A tariff with its definition decoded. */
    public record Tariff(String programId, TariffDefinition definition, java.time.Instant createdAt) {
    }

    /** A rate component with its definition decoded. */
    public record Rate(String programId, int rateId, RateComponentDefinition definition, java.time.Instant createdAt) {
    }

    /**
     * Defines (or replaces) the program's TariffProfile.
     *
     * @throws IllegalArgumentException naming {@code programId} when the program is unknown
     */
    public Tariff putTariff(String programId, TariffDefinition def) {
        program(programId);
        JdbcTariffStore.Entry e = store.putTariff(programId, def.text(), clock.instant());
        changed(programId);
        return new Tariff(programId, def, e.createdAt());
    }

    /** @return the program's tariff (empty for an unknown program too) */
    public Optional<Tariff> tariff(String programId) {
        return store.tariff(programId).map(e -> new Tariff(programId, TariffDefinition.fromText(e.definition()),
                e.createdAt()));
    }

    /** Deletes the tariff and its rate components; false when the program had none. */
    public boolean deleteTariff(String programId) {
        program(programId);
        boolean deleted = store.deleteTariff(programId);
        if (deleted) {
            changed(programId);
        }
        return deleted;
    }

    /**
     * Defines (or replaces) rate component {@code rateId} of the program's tariff.
     *
     * @throws IllegalArgumentException naming {@code programId} (unknown, or no tariff yet), {@code rateId} (out of
     *                                  range) or {@code signal} (another component of the tariff has it)
     */
    public Rate putRate(String programId, int rateId, RateComponentDefinition def) {
        program(programId);
        if (tariff(programId).isEmpty()) {
            throw new IllegalArgumentException("programId: program " + programId + " has no tariff yet (PUT "
                    + "/sep/programs/" + programId + "/tariff first)");
        }
        if (rateId < 1 || rateId > MAX_ID) {
            throw new IllegalArgumentException("rateId: 1.." + MAX_ID + " required; got " + rateId);
        }
        for (Rate r : rates(programId)) {
            if (r.rateId() != rateId && r.definition().signal().equals(def.signal())) {
                throw new IllegalArgumentException("signal: " + def.signal() + " already feeds rate component "
                        + r.rateId() + " of program " + programId);
            }
        }
        JdbcTariffStore.Entry e = store.putRate(programId, rateId, def.text(), clock.instant());
        changed(programId);
        return new Rate(programId, rateId, def, e.createdAt());
    }

    /** @return the program's rate components by index (empty without a tariff) */
    public List<Rate> rates(String programId) {
        return store.rates(programId).stream().map(e -> new Rate(programId, e.id(),
                RateComponentDefinition.fromText(e.definition()), e.createdAt())).toList();
    }

    /** @return one rate component */
    public Optional<Rate> rate(String programId, int rateId) {
        return rates(programId).stream().filter(r -> r.rateId() == rateId).findFirst();
    }

    /** @return false when the program has no such rate component */
    public boolean deleteRate(String programId, int rateId) {
        program(programId);
        boolean deleted = store.deleteRate(programId, rateId);
        if (deleted) {
            changed(programId);
        }
        return deleted;
    }

    private void changed(String programId) {
        records.recordChange("tp", null, programId, clock.instant());
    }

    private void program(String programId) {
        if (programs.get(programId).isEmpty()) {
            throw new IllegalArgumentException("programId: unknown program " + programId);
        }
    }
}
