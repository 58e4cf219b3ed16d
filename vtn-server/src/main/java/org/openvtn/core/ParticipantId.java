package org.openvtn.core;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A participant in the one namespace shared by both protocols (issue #12 item 4): an OpenADR 2.0b VEN, known by
 * its certificate fingerprint, or an IEEE 2030.5 EndDevice, known by its LFDI. The two kinds never collide: a
 * 2030.5 identity is 40 hex digits (IEEE 2030.5-2018 §6.3.4), an OpenADR fingerprint is colon-separated hex
 * (OpenADR 2.0b profile §10), and an OpenADR venID may not have the shape of an LFDI ({@link #checkVenId}), so an
 * event, response or telemetry point keyed by an LFDI can only ever belong to that 2030.5 device.
 *
 * <p>Its text form, used by the admin API, is {@code oadr:<fingerprint>} or {@code sep:<LFDI>}.
 *
 * @param kind the protocol
 * @param id   the certificate fingerprint (OpenADR, upper case) or LFDI (2030.5, upper case)
 */
public record ParticipantId(Kind kind, String id) {

    /** Allowed venID characters and length (OpenADR 2.0b leaves the format to the VTN). */
    private static final Pattern VEN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern LFDI = Pattern.compile("[0-9A-Fa-f]{40}");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){1,63}");

    /** The protocol a participant speaks. */
    public enum Kind {
        /** An OpenADR 2.0b VEN; id = its certificate fingerprint. */
        OADR20B_VEN("oadr", Protocol.OADR20B),
        /** An IEEE 2030.5 EndDevice; id = its LFDI. */
        SEP_DEVICE("sep", Protocol.IEEE2030_5);

        private final String prefix;
        private final Protocol protocol;

        Kind(String prefix, Protocol protocol) {
            this.prefix = prefix;
            this.protocol = protocol;
        }

        /** @return the protocol this kind of participant speaks */
        public Protocol protocol() {
            return protocol;
        }

        public String prefix() {
            return prefix;
        }
    }

    public ParticipantId {
        Objects.requireNonNull(kind, "kind");
        if (id == null || !(kind == Kind.SEP_DEVICE ? LFDI : FINGERPRINT).matcher(id).matches()) {
            throw VtnException.invalidData("id", kind == Kind.SEP_DEVICE
                    ? "a 2030.5 participant is its LFDI: 40 hex digits"
                    : "an OpenADR participant is its certificate fingerprint: hex pairs separated by ':'");
        }
        id = id.toUpperCase(Locale.ROOT);
    }

    public static ParticipantId oadr(String fingerprint) {
        return new ParticipantId(Kind.OADR20B_VEN, fingerprint);
    }

    public static ParticipantId sep(String lfdi) {
        return new ParticipantId(Kind.SEP_DEVICE, lfdi);
    }

    /**
     * Parses the text form {@code oadr:<fingerprint>} / {@code sep:<LFDI>}.
     *
     * @throws VtnException 454 naming {@code id} when malformed
     */
    public static ParticipantId parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon > 0) {
            String prefix = text.substring(0, colon);
            for (Kind k : Kind.values()) {
                if (k.prefix.equals(prefix)) {
                    return new ParticipantId(k, text.substring(colon + 1));
                }
            }
        }
        throw VtnException.invalidData("id", "participant ids are oadr:<certificate fingerprint> or sep:<LFDI>");
    }

    /** @return {@code oadr:<fingerprint>} or {@code sep:<LFDI>} */
    @Override
    public String toString() {
        return kind.prefix + ":" + id;
    }

    /**
     * Checks an OpenADR venID: 1-128 characters of {@code [A-Za-z0-9._:-]}, no {@code ..}, and not 40 hex digits
     * (the shape of a 2030.5 LFDI, which belongs to the 2030.5 namespace).
     *
     * @throws VtnException 452 naming {@code venId}
     */
    public static void checkVenId(String venId) {
        if (venId == null || !VEN_ID.matcher(venId).matches() || venId.contains("..")) {
            throw VtnException.invalidId("venId", "venID must be 1-128 characters of A-Z a-z 0-9 . _ : - "
                    + "without '..'");
        }
        if (LFDI.matcher(venId).matches()) {
            throw VtnException.invalidId("venId", "venID " + venId + " has the form of an IEEE 2030.5 LFDI, "
                    + "which names a 2030.5 device, not an OpenADR VEN");
        }
    }
}
