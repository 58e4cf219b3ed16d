package org.openvtn.oadr20b.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * XML signature settings of the VTN's OpenADR 2.0b listener (OpenADR 2.0b Profile Specification, security, message
 * signing). Signed payloads are always verified; these settings decide whether unsigned ones are refused and
 * whether the VTN signs its answers.
 *
 * @param requireSignatures refuse unsigned VEN payloads (459)
 * @param signResponses     sign every answer with {@code signingKeys}
 * @param replayWindow      accepted distance of a ReplayProtect timestamp from the VTN clock (nonces are
 *                          remembered for as long)
 * @param signingKeys       the VTN's signing keys; the one whose certificate the TLS session presents is used
 */
public record OadrSignatureConfig(boolean requireSignatures, boolean signResponses, Duration replayWindow,
                                  List<SigningKey> signingKeys) {

    /** Verify when present, require nothing, sign nothing. */
    public static final OadrSignatureConfig DEFAULT =
            new OadrSignatureConfig(false, false, Duration.ofMinutes(5), List.of());

    /** A private key and its certificate chain, leaf first. */
    public record SigningKey(PrivateKey key, List<X509Certificate> chain) {
        public SigningKey {
            if (key == null || chain == null || chain.isEmpty()) {
                throw new IllegalArgumentException("signingKeys: a key and its certificate are required");
            }
            chain = List.copyOf(chain);
        }

        public X509Certificate certificate() {
            return chain.get(0);
        }
    }

    public OadrSignatureConfig {
        if (replayWindow == null || replayWindow.isZero() || replayWindow.isNegative()) {
            throw new IllegalArgumentException("signatureReplayWindow: must be > 0, was " + replayWindow);
        }
        signingKeys = signingKeys == null ? List.of() : List.copyOf(signingKeys);
        if (signResponses && signingKeys.isEmpty()) {
            throw new IllegalArgumentException("signResponses: needs the VTN's signing keys (its key store)");
        }
    }

    /** Every private-key entry of a key store (e.g. the VTN's dual RSA + ECC {@code vtn.p12}). */
    public static List<SigningKey> keysFrom(KeyStore store, char[] password) {
        List<SigningKey> out = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
                    continue;
                }
                Certificate[] chain = store.getCertificateChain(alias);
                List<X509Certificate> certs = new ArrayList<>();
                for (Certificate c : chain == null ? new Certificate[0] : chain) {
                    certs.add((X509Certificate) c);
                }
                if (!certs.isEmpty()) {
                    out.add(new SigningKey(key, certs));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("signingKeys: cannot read the key store: " + e.getMessage(), e);
        }
        return out;
    }

    /** Every private-key entry of a PKCS#12 file. */
    public static List<SigningKey> keysFrom(Path pkcs12, char[] password) {
        try (InputStream in = Files.newInputStream(pkcs12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return keysFrom(ks, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("signingKeys: cannot load " + pkcs12 + ": " + e.getMessage(), e);
        }
    }
}
