package org.openvtn.certs.crypto;

import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import java.util.Optional;
import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * The native JCA provider (Amazon Corretto Crypto Provider, AWS-LC) for the process's signatures and TLS record
 * crypto (issue #18). The JDK's RSA-2048 signature alone costs more than the 0.6 ms a signed OpenADR 2.0b answer
 * may take, and its ECDSA P-256 more than twice the 0.15 ms goal; AWS-LC does both several times faster, and also
 * AES-GCM, SHA-2 and ECDH for JSSE.
 *
 * <p>Only a process's entry point installs it ({@link #installFirst()}); libraries never change the JVM's provider
 * order. If the native library cannot load on this platform or fails its self-test, nothing is installed and the
 * JDK's providers serve as before ({@link Status#detail()} says why, in one line for the log). Turned off with
 * the system property {@value #SWITCH_PROPERTY}{@code =off} or the environment variable {@value #SWITCH_ENV}{@code =off}.
 * Bouncy Castle's JSSE (IEEE 2030.5, CCM_8) keeps its own provider and is not affected.
 */
public final class NativeCrypto {
    /** System property that turns the native provider off ({@code off}, {@code false} or {@code no}). */
    public static final String SWITCH_PROPERTY = "openvtn.nativeCrypto";
    /** Environment variable with the same meaning as {@link #SWITCH_PROPERTY} (the property wins). */
    public static final String SWITCH_ENV = "OPENVTN_NATIVE_CRYPTO";

    /** What {@link #installFirst()} did. */
    public enum Outcome { INSTALLED, ALREADY_INSTALLED, TURNED_OFF, UNAVAILABLE }

    /**
     * @param outcome what happened
     * @param detail  one line for an operator: the provider and version, or why the JDK's providers are used
     */
    public record Status(Outcome outcome, String detail) {
        /** True when the native provider is the JVM's first provider. */
        public boolean active() {
            return outcome == Outcome.INSTALLED || outcome == Outcome.ALREADY_INSTALLED;
        }
    }

    private NativeCrypto() {
    }

    /** True unless the switch says off. */
    public static boolean enabled() {
        String v = System.getProperty(SWITCH_PROPERTY);
        if (v == null) {
            v = System.getenv(SWITCH_ENV);
        }
        if (v == null) {
            return true;
        }
        return !switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "off", "false", "no", "0" -> true;
            default -> false;
        };
    }

    /**
     * The native provider if its library loaded and its self-tests passed, without installing it (for code that
     * passes a provider explicitly, e.g. tests). Never throws.
     */
    public static Optional<Provider> provider() {
        try {
            AmazonCorrettoCryptoProvider p = AmazonCorrettoCryptoProvider.INSTANCE;
            p.assertHealthy();
            return Optional.of(p);
        } catch (RuntimeException | LinkageError e) { // LinkageError on a platform without the native library, RuntimeCryptoException
            return Optional.empty();
        }
    }

    /**
     * Makes the native provider the JVM's first, unless the switch is off or it cannot load (then the JDK's
     * providers stay as they are). Idempotent. For a process's {@code main} only.
     */
    public static synchronized Status installFirst() {
        if (!enabled()) {
            return new Status(Outcome.TURNED_OFF, "native crypto turned off (" + SWITCH_PROPERTY + " / " + SWITCH_ENV
                    + "); the JDK's providers sign and encrypt");
        }
        try {
            AmazonCorrettoCryptoProvider p = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable loading = p.getLoadingError();
            if (loading != null) {
                return unavailable(loading);
            }
            p.assertHealthy();
            String what = p.getName() + " " + p.getVersionStr();
            Provider[] now = Security.getProviders();
            if (now.length > 0 && now[0].getName().equals(p.getName())) {
                return new Status(Outcome.ALREADY_INSTALLED, what + " is the first JCA provider");
            }
            AmazonCorrettoCryptoProvider.install();
            p.assertHealthy();
            return new Status(Outcome.INSTALLED, what + " (AWS-LC) installed as the first JCA provider");
        } catch (RuntimeException | LinkageError e) {
            return unavailable(e);
        }
    }

    private static Status unavailable(Throwable e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage().lines().findFirst().orElse("");
        return new Status(Outcome.UNAVAILABLE, "native crypto unavailable on " + System.getProperty("os.name") + "/"
                + System.getProperty("os.arch") + " (" + why + "); the JDK's providers sign and encrypt");
    }
}
