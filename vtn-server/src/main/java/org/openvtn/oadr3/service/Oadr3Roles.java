package org.openvtn.oadr3.service;

import java.util.List;
import java.util.Locale;

/**
 * The scopes of the OpenADR 3.1 definition (openadr3.yaml {@code securitySchemes.oAuth2ClientCredentials.flows
 * .clientCredentials.scopes}) and the two roles OpenVTN grants them to: a business-logic client (BL) manages
 * programs and events and reads everything; a VEN client reads what targets it and its own objects, writes reports,
 * its VENs and resources and subscriptions.
 */
public final class Oadr3Roles {
    public static final String READ_ALL = "read_all";
    public static final String READ_TARGETS = "read_targets";
    public static final String READ_VEN_OBJECTS = "read_ven_objects";
    public static final String WRITE_PROGRAMS = "write_programs";
    public static final String WRITE_EVENTS = "write_events";
    public static final String WRITE_REPORTS = "write_reports";
    public static final String WRITE_SUBSCRIPTIONS = "write_subscriptions";
    public static final String WRITE_VENS = "write_vens";

    public static final String BL = "BL";
    public static final String VEN = "VEN";

    private Oadr3Roles() {
    }

    /** @return the scopes a role is granted */
    public static List<String> scopes(String role) {
        return switch (normalise(role)) {
            case BL -> List.of(READ_ALL, WRITE_PROGRAMS, WRITE_EVENTS, WRITE_SUBSCRIPTIONS, WRITE_VENS);
            case VEN -> List.of(READ_TARGETS, READ_VEN_OBJECTS, WRITE_REPORTS, WRITE_SUBSCRIPTIONS, WRITE_VENS);
            default -> throw new IllegalArgumentException("role: BL or VEN");
        };
    }

    /** @return BL or VEN */
    public static String normalise(String role) {
        String r = role == null ? "" : role.strip().toUpperCase(Locale.ROOT);
        if (!r.equals(BL) && !r.equals(VEN)) {
            throw new IllegalArgumentException("role: BL or VEN, was " + role);
        }
        return r;
    }
}
