package org.openvtn.core;

import java.util.Locale;

/**
 * What a program does when a new or modified event would overlap another live event of the same market context
 * for a common target (docs/openadr-20b.md "Overlapping events").
 *
 * <ul>
 *   <li>{@link #REJECT} (the default): OpenADR 2.0b conformance rule 18 (ported A-profile case A_E3_0490) — a VTN
 *   does not send a VEN overlapping events of one market context, the randomization window included. The
 *   operator's create or modify is refused (admin API 409 naming {@code start}).</li>
 *   <li>{@link #SUPERSEDE}: overlapping events are accepted and the newer one supersedes the older where the two
 *   overlap — IEEE 2030.5 event rules (sep.xsd EventStatus Superseded, CSIP CORE-023). OpenADR VENs targeted by
 *   such a program may receive overlapping events of one market context; for them the outcome is the VEN's.</li>
 * </ul>
 */
public enum OverlapPolicy {
    /** Refuse overlapping events of one market context for a common target (OpenADR 2.0b rule 18). */
    REJECT,
    /** Accept them; the newer event supersedes the older (IEEE 2030.5 / CSIP CORE-023). */
    SUPERSEDE;

    /** @return the JSON/database spelling ({@code reject}, {@code supersede}) */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param s {@code reject} or {@code supersede}
     * @return the policy
     * @throws VtnException 454 naming {@code overlap} for any other value
     */
    public static OverlapPolicy parse(String s) {
        for (OverlapPolicy p : values()) {
            if (p.wireName().equals(s)) {
                return p;
            }
        }
        throw VtnException.invalidData("overlap", "overlap must be \"reject\" or \"supersede\", got " + s);
    }
}
