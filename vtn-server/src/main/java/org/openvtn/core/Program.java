package org.openvtn.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A demand-response program. Its {@code marketContext} is the URI the OpenADR adapter copies into
 * {@code ei:eventDescriptor/ei:eiMarketContext/emix:marketContext} (OpenADR 2.0b 8.1; one market
 * context per program).
 *
 * @param id            VTN-assigned identifier
 * @param name          operator-facing unique name
 * @param marketContext market context URI
 * @param createdAt     creation instant
 * @param overlap       what happens to overlapping events of this program ({@link OverlapPolicy})
 */
public record Program(String id, String name, String marketContext, Instant createdAt, OverlapPolicy overlap) {
    public Program {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(marketContext, "marketContext");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(overlap, "overlap");
    }

    /** A program with the default policy, {@link OverlapPolicy#REJECT}. */
    public Program(String id, String name, String marketContext, Instant createdAt) {
        this(id, name, marketContext, createdAt, OverlapPolicy.REJECT);
    }
}
