package org.openvtn.certs.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key with its certificate chain: the end-entity certificate first, then the
 * intermediate CAs up to (not including) the trust anchor.
 *
 * @param name  short name, used as key store alias and file name stem
 * @param key   the private key
 * @param chain leaf first, then intermediates
 */
public record Credential(String name, PrivateKey key, List<X509Certificate> chain) {

    public Credential {
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least the end-entity certificate");
        }
        chain = List.copyOf(chain);
    }

    /** The end-entity certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** A PKCS#12 key store holding this credential under {@link #name()} as alias. */
    public KeyStore toKeyStore(char[] password) {
        return toKeyStore(List.of(this), password);
    }

    /** A PKCS#12 key store holding several credentials, each under its name as alias. */
    public static KeyStore toKeyStore(List<Credential> credentials, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (Credential c : credentials) {
                ks.setKeyEntry(c.name(), c.key(), password, c.chain().toArray(new X509Certificate[0]));
            }
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("cannot build a PKCS#12 key store", e);
        }
    }

    /** Writes a PKCS#12 file with several credentials. */
    public static void writePkcs12(Path file, List<Credential> credentials, char[] password) {
        KeyStore ks = toKeyStore(credentials, password);
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ks.store(out, password);
            SecretFiles.write(file, out.toByteArray());
        } catch (GeneralSecurityException | IOException | java.io.UncheckedIOException e) {
            throw new PkiException("cannot write " + file, e);
        }
    }
}
