package org.openvtn.sep.store;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An IEEE 2030.5 aggregator client (CSIP AGG-001..012, CSIP-AUS S-ALL-03): one certificate, identified by its LFDI,
 * that manages the EndDevices of many sites (migration {@code V20__sep_aggregators.sql}).
 *
 * @param lfdi           the aggregator certificate's LFDI, 40 upper-case hex digits
 * @param selfRegister   whether it may POST EndDevices for LFDIs the operator did not name (each then becomes its site)
 * @param createdAt      when the operator registered it
 * @param sites          LFDIs the operator named (pre-authorised)
 * @param selfRegistered LFDIs it added itself by POSTing their EndDevices
 */
public record SepAggregator(String lfdi, boolean selfRegister, Instant createdAt, Set<String> sites,
                            Set<String> selfRegistered) {
    public SepAggregator {
        Objects.requireNonNull(lfdi, "lfdi");
        sites = Collections.unmodifiableSet(new TreeSet<>(sites == null ? Set.of() : sites));
        selfRegistered = Collections.unmodifiableSet(new TreeSet<>(selfRegistered == null ? Set.of() : selfRegistered));
    }

    /** @return every LFDI this aggregator manages (named and self-registered) */
    public Set<String> managed() {
        TreeSet<String> all = new TreeSet<>(sites);
        all.addAll(selfRegistered);
        return Collections.unmodifiableSet(all);
    }
}
