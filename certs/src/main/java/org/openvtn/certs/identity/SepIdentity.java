package org.openvtn.certs.identity;

import java.security.cert.X509Certificate;

/**
 * IEEE 2030.5-2018 §6.3.4 device identities derived from the device certificate.
 *
 * <ul>
 *   <li>certificate fingerprint: SHA-256 of the DER certificate (32 bytes);</li>
 *   <li>LFDI (long form device identifier): the fingerprint's first 160 bits, 40 hex digits;</li>
 *   <li>SFDI (short form device identifier): the fingerprint's first 36 bits as a decimal number
 *       followed by a sum-of-digits check digit, check = (10 - (sum of digits mod 10)) mod 10.</li>
 * </ul>
 * The same check-digit rule validates registration PINs (§6.3.4 / §6.4: six decimal digits, the
 * last being the check digit of the first five).
 */
public final class SepIdentity {

    /** Length of an LFDI in hex digits (160 bits). */
    public static final int LFDI_HEX_DIGITS = 40;

    private SepIdentity() {
    }

    /** The §6.3.4 certificate fingerprint: SHA-256 over the DER certificate. */
    public static byte[] fingerprint(X509Certificate certificate) {
        return Digests.sha256(certificate);
    }

    /** The certificate fingerprint as 64 upper-case hex digits. */
    public static String fingerprintHex(X509Certificate certificate) {
        byte[] fp = fingerprint(certificate);
        return Digests.hex(fp, 0, fp.length, "");
    }

    /** LFDI of a certificate: 40 upper-case hex digits. */
    public static String lfdi(X509Certificate certificate) {
        return lfdi(fingerprint(certificate));
    }

    /** LFDI from a fingerprint: its first 20 bytes as 40 upper-case hex digits. */
    public static String lfdi(byte[] fingerprint) {
        requireLength(fingerprint, 20);
        return Digests.hex(fingerprint, 0, 20, "");
    }

    /** SFDI of a certificate (up to 12 decimal digits, check digit included). */
    public static long sfdi(X509Certificate certificate) {
        return sfdi(fingerprint(certificate));
    }

    /** SFDI from a fingerprint (or an LFDI's bytes): first 36 bits, then the check digit. */
    public static long sfdi(byte[] fingerprint) {
        requireLength(fingerprint, 5);
        long first40 = 0;
        for (int i = 0; i < 5; i++) {
            first40 = (first40 << 8) | (fingerprint[i] & 0xFF);
        }
        long first36 = first40 >>> 4;
        return first36 * 10 + checkDigit(first36);
    }

    /** SFDI from an LFDI given as hex (upper or lower case, 40 digits). */
    public static long sfdiFromLfdi(String lfdi) {
        if (lfdi == null || lfdi.length() != LFDI_HEX_DIGITS) {
            throw new IllegalArgumentException("LFDI must be 40 hex digits: " + lfdi);
        }
        byte[] bytes = new byte[5];
        for (int i = 0; i < 5; i++) {
            bytes[i] = (byte) Integer.parseInt(lfdi.substring(2 * i, 2 * i + 2), 16);
        }
        return sfdi(bytes);
    }

    /** The §6.3.4 check digit for a number: (10 - (sum of its decimal digits mod 10)) mod 10. */
    public static int checkDigit(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value: " + value);
        }
        return (10 - (int) (digitSum(value) % 10)) % 10;
    }

    /** True when an SFDI (check digit included) is well formed: its digits sum to 0 mod 10. */
    public static boolean isValidSfdi(long sfdi) {
        return sfdi > 0 && sfdi < (1L << 36) * 10 && digitSum(sfdi) % 10 == 0;
    }

    /**
     * True when a registration PIN is six decimal digits whose last digit is the §6.3.4 check
     * digit of the first five (equivalently: the digits sum to 0 mod 10).
     */
    public static boolean isValidPin(String pin) {
        if (pin == null || pin.length() != 6) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 6; i++) {
            char c = pin.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += c - '0';
        }
        return sum % 10 == 0;
    }

    /** True when a registration PIN given as a number (leading zeros allowed) is valid. */
    public static boolean isValidPin(int pin) {
        return pin >= 0 && pin <= 999_999 && isValidPin(String.format("%06d", pin));
    }

    /** The PIN that carries the given five digits (0..99999) and their check digit. */
    public static int pinWithCheckDigit(int fiveDigits) {
        if (fiveDigits < 0 || fiveDigits > 99_999) {
            throw new IllegalArgumentException("PIN base must have at most five digits: " + fiveDigits);
        }
        return fiveDigits * 10 + checkDigit(fiveDigits);
    }

    private static long digitSum(long value) {
        long sum = 0;
        for (long v = value; v > 0; v /= 10) {
            sum += v % 10;
        }
        return sum;
    }

    private static void requireLength(byte[] bytes, int min) {
        if (bytes == null || bytes.length < min) {
            throw new IllegalArgumentException("need at least " + min + " bytes of fingerprint");
        }
    }
}
