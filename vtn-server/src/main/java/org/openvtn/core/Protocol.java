package org.openvtn.core;

import java.util.Locale;

/**
 * The protocol a participant speaks with the VTN (issue #13: the core speaks of participants; each adapter maps its
 * protocol's names and codes). Stored by {@link #name()} in the {@code registrations.kind} column.
 */
public enum Protocol {
    /** OpenADR 2.0b (a VEN, EiRegisterParty). */
    OADR20B,
    /** IEEE 2030.5-2018 / CSIP (an EndDevice). */
    IEEE2030_5;

    /**
     * @param stored the stored name ({@code SEP2} is accepted as the earlier spelling of {@link #IEEE2030_5})
     * @return the protocol
     * @throws IllegalArgumentException when unknown
     */
    public static Protocol fromStored(String stored) {
        String s = stored == null ? "" : stored.strip().toUpperCase(Locale.ROOT);
        return "SEP2".equals(s) ? IEEE2030_5 : valueOf(s);
    }
}
