package org.openvtn.sep.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openvtn.core.ProgramService;
import org.openvtn.sep.store.JdbcBillingStore;
import org.openvtn.sep.store.JdbcSepRecordStore;
import org.openvtn.sep.store.SepEndDevice;

/**
 * The Billing function set (IEEE 2030.5-2018 §10.7), read-only for clients: the operator defines CustomerAccounts
 * per program, each for one LFDI or one group, with their CustomerAgreements, BillingPeriods and historical /
 * projection / target readings (docs/ieee-2030.5.md "Billing"). A device sees only the accounts assigned to it.
 * 2030.5-only: OpenADR has no billing resource, so OpenADR VENs of the same program receive nothing.
 */
public final class BillingService {
    /** Largest account number ({a} of {@code /edev/{e}/ca/{p}/{a}}). */
    public static final int MAX_ID = 999_999;

    private final JdbcBillingStore store;
    private final JdbcSepRecordStore records;
    private final ProgramService programs;
    private final EndDeviceService endDevices;
    private final PricingService pricing;
    private final Clock clock;

    public BillingService(JdbcBillingStore store, JdbcSepRecordStore records, ProgramService programs,
                          EndDeviceService endDevices, PricingService pricing, Clock clock) {
        this.store = store;
        this.records = records;
        this.programs = programs;
        this.endDevices = endDevices;
        this.pricing = pricing;
        this.clock = clock;
    }

    /**
     * A stored CustomerAccount.
     *
     * @param programId  the program whose FunctionSetAssignments link it
     * @param accountId  its number
     * @param definition what the operator defined
     * @param createdAt  when it was (re)defined
     */
    public record Account(String programId, int accountId, BillingAccountDefinition definition, Instant createdAt) {
    }

    /**
     * Creates or replaces an account; nothing is stored when it is refused.
     *
     * @throws IllegalArgumentException naming the field ({@code programId} for an unknown program, {@code lfdi} for
     *                                  an LFDI no EndDevice has, {@code agreements[i].tariff} for a program without
     *                                  a TariffProfile)
     */
    public Account put(String programId, int accountId, BillingAccountDefinition def) {
        program(programId);
        if (accountId < 1 || accountId > MAX_ID) {
            throw new IllegalArgumentException("accountId: 1.." + MAX_ID + "; got " + accountId);
        }
        BillingValidation.check(def);
        if (def.lfdi() != null && endDevices.byLfdi(def.lfdi()).isEmpty()) {
            throw new IllegalArgumentException("lfdi: no EndDevice has LFDI " + def.lfdi()
                    + " (provision or register it first)");
        }
        List<BillingAccountDefinition.Agreement> agreements = def.agreementsOrEmpty();
        for (int i = 0; i < agreements.size(); i++) {
            if (Boolean.TRUE.equals(agreements.get(i).tariff()) && pricing.tariff(programId).isEmpty()) {
                throw new IllegalArgumentException("agreements[" + i + "].tariff: program " + programId
                        + " has no TariffProfile to link");
            }
        }
        JdbcBillingStore.Entry e = store.put(programId, accountId, StoredJson.write(def), clock.instant());
        changed(programId);
        return account(e);
    }

    /** @return the program's accounts by number */
    public List<Account> list(String programId) {
        program(programId);
        return store.list(programId).stream().map(BillingService::account).toList();
    }

    /** @return one account */
    public Optional<Account> get(String programId, int accountId) {
        program(programId);
        return store.get(programId, accountId).map(BillingService::account);
    }

    /** Deletes an account; false when there was none. */
    public boolean delete(String programId, int accountId) {
        program(programId);
        boolean done = store.delete(programId, accountId);
        if (done) {
            changed(programId);
        }
        return done;
    }

    /** @return the program's accounts assigned to the device (its LFDI or one of its groups), by number */
    public List<Account> visible(SepEndDevice d, String programId) {
        return store.list(programId).stream().map(BillingService::account).filter(a -> assigned(a, d)).toList();
    }

    /** @return the device's account {@code accountId}, or empty when there is none or it is another device's */
    public Optional<Account> visible(SepEndDevice d, String programId, int accountId) {
        return store.get(programId, accountId).map(BillingService::account).filter(a -> assigned(a, d));
    }

    private static boolean assigned(Account a, SepEndDevice d) {
        BillingAccountDefinition x = a.definition();
        return x.lfdi() != null ? x.lfdi().equalsIgnoreCase(d.lfdi()) : d.groupIds().contains(x.groupId());
    }

    private static Account account(JdbcBillingStore.Entry e) {
        return new Account(e.programId(), e.accountId(), StoredJson.read(e.definition(),
                BillingAccountDefinition.class, "billing account"), e.createdAt());
    }

    private void changed(String programId) {
        records.recordChange("bill", null, programId, clock.instant());
    }

    private void program(String programId) {
        if (programs.get(programId).isEmpty()) {
            throw new IllegalArgumentException("programId: unknown program " + programId);
        }
    }
}
