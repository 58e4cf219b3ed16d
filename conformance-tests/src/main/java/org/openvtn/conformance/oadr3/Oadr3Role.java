package org.openvtn.conformance.oadr3;

/**
 * The three clients the suite plays (3.1 Definition, "Object Privacy": BL clients read everything; a VEN client only
 * what it created or was granted). Each takes its credentials from the target properties under {@link #prefix()}:
 * {@code .token} (a ready bearer token), or {@code .clientId} and {@code .clientSecret} (exchanged at the token
 * endpoint, RFC 6749 §4.4); without either, and with an OpenVTN admin API configured, the suite creates a client of
 * the role there for the run ({@code POST /api/v1/oadr3/clients}) and deletes it at the end.
 */
public enum Oadr3Role {
    BL("oadr3.bl", "BL"),
    VEN_A("oadr3.venA", "VEN"),
    VEN_B("oadr3.venB", "VEN");

    private final String prefix;
    private final String adminRole;

    Oadr3Role(String prefix, String adminRole) {
        this.prefix = prefix;
        this.adminRole = adminRole;
    }

    /** @return the target-property prefix, e.g. {@code oadr3.venA} */
    public String prefix() {
        return prefix;
    }

    /** @return the role name of OpenVTN's admin API ({@code BL} or {@code VEN}) */
    public String adminRole() {
        return adminRole;
    }
}
