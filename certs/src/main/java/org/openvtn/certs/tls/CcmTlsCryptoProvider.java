package org.openvtn.certs.tls;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * Bouncy Castle's JCA-backed TLS crypto with one change: the AES-CCM record cipher ({@code
 * TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8}, IEEE 2030.5-2018 §6.11) is {@link AesCcmCipher}, on the JDK's hardware AES,
 * instead of Bouncy Castle's software AES (issue #18). Key exchange, signatures, certificates and every other
 * cipher stay with the configured provider.
 */
final class CcmTlsCryptoProvider extends JcaTlsCryptoProvider {

    @Override
    public JcaTlsCrypto create(SecureRandom keyRandom, SecureRandom nonceRandom) {
        return new Crypto(getHelper(), getAltHelper(), keyRandom, nonceRandom);
    }

    private static final class Crypto extends JcaTlsCrypto {
        Crypto(JcaJceHelper helper, JcaJceHelper altHelper, SecureRandom keyRandom, SecureRandom nonceRandom) {
            super(helper, altHelper, keyRandom, nonceRandom);
        }

        @Override
        protected TlsAEADCipherImpl createAEADCipher(String cipherName, String algorithm, int keySize,
                                                     boolean isEncrypting) throws GeneralSecurityException {
            if ("AES/CCM/NoPadding".equals(cipherName)) {
                return new AesCcmCipher(isEncrypting);
            }
            return super.createAEADCipher(cipherName, algorithm, keySize, isEncrypting);
        }
    }
}
