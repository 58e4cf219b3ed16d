package org.openvtn.core;

/** OpenADR {@code ei:optType}. */
public enum OptType {
    OPT_IN, OPT_OUT;

    /** @return {@code optIn} / {@code optOut} */
    public String wireName() {
        return this == OPT_IN ? "optIn" : "optOut";
    }

    /**
     * @param s {@code optIn}/{@code optOut} (any case, underscores allowed)
     * @return the value
     * @throws VtnException 454 for anything else
     */
    public static OptType parse(String s) {
        String n = s == null ? "" : s.replace("_", "").toLowerCase(java.util.Locale.ROOT);
        if (n.equals("optin")) {
            return OPT_IN;
        }
        if (n.equals("optout")) {
            return OPT_OUT;
        }
        throw VtnException.invalidData("optType", "optType must be optIn or optOut");
    }
}
