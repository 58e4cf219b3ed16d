package org.openvtn.certs.tls;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * Bouncy Castle provider instances shared by all contexts of this JVM. They are handed to
 * {@code getInstance(..., provider)} calls and never added to {@link java.security.Security},
 * so other code's provider order is untouched.
 */
public final class BcProviders {

    private static final class Holder {
        static final Provider BC = new BouncyCastleProvider();
        /** BC's JCA crypto for TLS, but AES-CCM records on the JDK's hardware AES ({@link CcmTlsCryptoProvider}). */
        static final Provider BCJSSE = new BouncyCastleJsseProvider(false, new CcmTlsCryptoProvider().setProvider(BC));
    }

    private BcProviders() {
    }

    /** The Bouncy Castle JCA provider (crypto for BCJSSE). */
    public static Provider bc() {
        return Holder.BC;
    }

    /** The Bouncy Castle JSSE provider, using {@link #bc()} for its crypto. */
    public static Provider jsse() {
        return Holder.BCJSSE;
    }
}
