package org.openvtn.core;

/**
 * Event status as derived from the clock (OpenADR 2.0b {@code ei:eventStatus}; the 2030.5 adapter
 * maps it to {@code EventStatus.currentStatus}).
 */
public enum EventStatus {
    /** Start is further away than the configured near window. */
    FAR,
    /** Start is within the near window. */
    NEAR,
    /** start &lt;= now &lt; start + duration. */
    ACTIVE,
    /** now &gt;= start + duration. */
    COMPLETED,
    /** Cancelled by the operator. */
    CANCELLED;

    /** @return true for COMPLETED and CANCELLED */
    public boolean isTerminal() {
        return this == COMPLETED || this == CANCELLED;
    }

    /** @return the lower-case wire spelling ({@code far}, {@code near}, ...) */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
