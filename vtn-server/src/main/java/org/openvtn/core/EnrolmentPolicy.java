package org.openvtn.core;

import java.util.Locale;

/**
 * Who may take part through a listener (issue #12 item 5). Any certificate chaining to the listener's trust
 * anchors passes TLS; the policy decides what it may do next.
 */
public enum EnrolmentPolicy {
    /** Every certificate that passes TLS takes part at once (development; the builders' default). */
    OPEN,
    /**
     * A new certificate may register (OpenADR) or create its EndDevice (2030.5) but is pending: it receives no events,
     * controls or report requests until an operator approves it ({@code openvtn serve}'s default).
     */
    APPROVE,
    /** Only certificates an operator provisioned ahead of time; others are refused (OpenADR 463, 2030.5 403). */
    ALLOWLIST;

    /**
     * @param text  {@code open}, {@code approve} or {@code allowlist}
     * @param field the configuration key, for the message
     * @throws IllegalArgumentException naming {@code field}
     */
    public static EnrolmentPolicy parse(String text, String field) {
        if (text != null) {
            for (EnrolmentPolicy p : values()) {
                if (p.name().equalsIgnoreCase(text.strip())) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException(field + ": must be open, approve or allowlist, was '" + text + "'");
    }

    /** @return {@code open}, {@code approve} or {@code allowlist} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
