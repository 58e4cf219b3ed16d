package org.openvtn.transport;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import org.openvtn.certs.tls.TlsConfig;

/**
 * The key-material and trust-anchor options both client builders offer ({@code VenClientBuilder} for OpenADR,
 * {@code SepDeviceClientBuilder} for IEEE 2030.5): exactly one of a loaded key store, a PKCS#12 file or PEM chain +
 * key, and at least one trust anchor (certificates or files). Checked and applied to a {@link TlsConfig.Builder}
 * with messages that name the option. Internal.
 */
public final class KeyMaterial {
    private KeyMaterial() {
    }

    /**
     * @param missingAnchors the message when no trust anchor was given
     * @throws IllegalArgumentException naming the option at fault
     */
    public static void apply(TlsConfig.Builder b, KeyStore keyStore, char[] password, Path pkcs12, Path pemChain,
                             Path pemKey, List<X509Certificate> anchors, List<Path> anchorFiles,
                             String missingAnchors) {
        int keySources = (keyStore != null ? 1 : 0) + (pkcs12 != null ? 1 : 0) + (pemChain != null ? 1 : 0);
        if (keySources == 0) {
            throw new IllegalArgumentException("key material is required: keyStore, pkcs12 or pem");
        }
        if (keySources > 1) {
            throw new IllegalArgumentException("key material: set only one of keyStore, pkcs12, pem");
        }
        try {
            if (keyStore != null) {
                b.keyStore(keyStore, password);
            } else if (pkcs12 != null) {
                b.keyStore(pkcs12, password);
            } else {
                b.pem(pemChain, pemKey);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("key material cannot be read: " + e.getMessage(), e);
        }
        if (anchors.isEmpty() && anchorFiles.isEmpty()) {
            throw new IllegalArgumentException(missingAnchors);
        }
        b.trustAnchors(anchors);
        for (Path f : anchorFiles) {
            try {
                b.trustAnchorFile(f);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("trustAnchorFile " + f + " cannot be read: " + e.getMessage(), e);
            }
        }
    }
}
