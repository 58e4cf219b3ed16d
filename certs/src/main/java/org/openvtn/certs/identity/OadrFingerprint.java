package org.openvtn.certs.identity;

import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * The OpenADR 2.0b certificate fingerprint: SHA-256 over the DER certificate, last 10 bytes,
 * rendered as upper-case hex pairs separated by colons ({@code AA:BB:...}, 20 hex digits).
 * The VTN recognises a VEN by this value (OpenADR 2.0b profile specification §10 security;
 * the registration's {@code venID} is commonly this fingerprint).
 *
 * <p>Peers format it differently (lower case, without colons), so comparisons go through
 * {@link #normalize(String)} or {@link #matches(String, String)}.
 */
public final class OadrFingerprint {

    /** Number of trailing SHA-256 bytes the fingerprint keeps. */
    public static final int BYTES = 10;

    private OadrFingerprint() {
    }

    /** Fingerprint of a certificate, in canonical form {@code AA:BB:...:JJ}. */
    public static String of(X509Certificate certificate) {
        return fromDigest(Digests.sha256(certificate));
    }

    /** Fingerprint of a DER-encoded certificate, in canonical form. */
    public static String of(byte[] derCertificate) {
        return fromDigest(Digests.sha256(derCertificate));
    }

    private static String fromDigest(byte[] sha256) {
        return Digests.hex(sha256, sha256.length - BYTES, sha256.length, ":");
    }

    /**
     * Canonical form of a fingerprint written by anyone: colons, dashes and white space removed,
     * upper case, then re-grouped as {@code AA:BB:...}.
     *
     * @throws IllegalArgumentException if what remains is not 20 hex digits
     */
    public static String normalize(String fingerprint) {
        String digits = strip(fingerprint);
        if (digits == null) {
            throw new IllegalArgumentException("not an OpenADR fingerprint (20 hex digits expected): " + fingerprint);
        }
        StringBuilder sb = new StringBuilder(3 * BYTES - 1);
        for (int i = 0; i < digits.length(); i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(digits, i, i + 2);
        }
        return sb.toString();
    }

    /** True when the text is a fingerprint in any of the accepted spellings. */
    public static boolean isValid(String fingerprint) {
        return strip(fingerprint) != null;
    }

    /**
     * True when both texts denote the same fingerprint, ignoring case, colons, dashes and spaces.
     * Invalid or {@code null} input never matches.
     */
    public static boolean matches(String a, String b) {
        String x = strip(a);
        return x != null && x.equals(strip(b));
    }

    /** True when the certificate's fingerprint equals the given text in any spelling. */
    public static boolean matches(X509Certificate certificate, String fingerprint) {
        return matches(of(certificate), fingerprint);
    }

    private static String strip(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(2 * BYTES);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':' || c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            if (Character.digit(c, 16) < 0) {
                return null;
            }
            sb.append(c);
        }
        return sb.length() == 2 * BYTES ? sb.toString().toUpperCase(Locale.ROOT) : null;
    }
}
