package org.openvtn.certs.tls;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.PemFiles;

/**
 * Immutable TLS configuration of one endpoint (server or client): the profile, the endpoint's
 * own key material, the trust anchors, CRLs and chain limits. Mutual authentication is always
 * on. Build with {@link #builder()}; {@link Builder#build()} validates and names the bad field.
 * Turn it into contexts with {@link TlsFactory#of(TlsConfig)}.
 */
public final class TlsConfig {

    /** Default maximum path depth, trust anchor included (IEEE 2030.5 chains go up to 4: SERCA, MCA, MICA, device). */
    public static final int DEFAULT_MAX_CHAIN_DEPTH = 4;

    private final TlsProfile profile;
    private final KeyStore keyStore;
    private final char[] keyPassword;
    private final List<X509Certificate> trustAnchors;
    private final List<X509CRL> crls;
    private final int maxChainDepth;
    private final boolean strict;
    private final boolean hostnameVerification;
    private final TlsProvider provider;
    private final TlsRejectionListener rejectionListener;

    private TlsConfig(Builder b) {
        this.profile = b.profile;
        this.keyStore = b.keyStore;
        this.keyPassword = b.keyPassword.clone();
        this.trustAnchors = List.copyOf(b.trustAnchors);
        this.crls = List.copyOf(b.crls);
        this.maxChainDepth = b.maxChainDepth;
        this.strict = b.strict;
        this.hostnameVerification = b.hostnameVerification;
        this.provider = b.provider;
        this.rejectionListener = b.rejectionListener;
    }

    public static Builder builder() {
        return new Builder();
    }

    public TlsProfile profile() {
        return profile;
    }

    /** The endpoint's key store (PKCS#12 or any type); treat as read-only. */
    public KeyStore keyStore() {
        return keyStore;
    }

    char[] keyPassword() {
        return keyPassword.clone();
    }

    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    public List<X509CRL> crls() {
        return crls;
    }

    /** Maximum number of certificates in a peer's path, trust anchor included. */
    public int maxChainDepth() {
        return maxChainDepth;
    }

    /** Strict mode: TLS 1.2 and the mandated suites only. */
    public boolean strict() {
        return strict;
    }

    /** Whether a client checks the server's certificate against the host it connects to. */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    public TlsProvider provider() {
        return provider;
    }

    /** Told about every rejected peer certificate; a no-op by default. */
    public TlsRejectionListener rejectionListener() {
        return rejectionListener;
    }

    /** Builder for {@link TlsConfig}. */
    public static final class Builder {
        private TlsProfile profile;
        private KeyStore keyStore;
        private char[] keyPassword = new char[0];
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private final List<X509CRL> crls = new ArrayList<>();
        private int maxChainDepth = DEFAULT_MAX_CHAIN_DEPTH;
        private boolean strict;
        private boolean hostnameVerification = true;
        private TlsProvider provider = TlsProvider.AUTO;
        private TlsRejectionListener rejectionListener = (client, peer, cert, reason) -> { };

        private Builder() {
        }

        /** Told about every rejected peer certificate, after the log line. */
        public Builder rejectionListener(TlsRejectionListener listener) {
            this.rejectionListener = listener;
            return this;
        }

        public Builder profile(TlsProfile profile) {
            this.profile = profile;
            return this;
        }

        /** The endpoint's own key material; every entry may be presented (e.g. an RSA and an ECC VTN key). */
        public Builder keyStore(KeyStore keyStore, char[] password) {
            this.keyStore = keyStore;
            this.keyPassword = password == null ? new char[0] : password.clone();
            return this;
        }

        /** The endpoint's own key material from a PKCS#12 file. */
        public Builder keyStore(Path pkcs12, char[] password) {
            return keyStore(PemFiles.readPkcs12(pkcs12, password), password);
        }

        /** The endpoint's own key material from one or more in-memory credentials. */
        public Builder credentials(Credential... credentials) {
            char[] pw = "openvtn".toCharArray();
            return keyStore(Credential.toKeyStore(List.of(credentials), pw), pw);
        }

        /** The endpoint's own key material from PEM files: certificate chain and unencrypted PKCS#8 key. */
        public Builder pem(Path chain, Path key) {
            PrivateKey k = PemFiles.readPrivateKey(key);
            return credentials(new Credential("key", k, PemFiles.readCertificates(chain)));
        }

        /** Adds trust anchors. */
        public Builder trustAnchors(Collection<X509Certificate> anchors) {
            this.trustAnchors.addAll(anchors);
            return this;
        }

        /** Adds every certificate of a PEM or DER file as trust anchor. */
        public Builder trustAnchorFile(Path file) {
            return trustAnchors(PemFiles.readCertificates(file));
        }

        /** Adds CRLs; a peer certificate listed by the CRL of its issuer fails the handshake. */
        public Builder crls(Collection<X509CRL> crls) {
            this.crls.addAll(crls);
            return this;
        }

        /** Adds every CRL of a PEM or DER file. */
        public Builder crlFile(Path file) {
            return crls(PemFiles.readCrls(file));
        }

        /** Maximum path depth, trust anchor included (2..10, default {@value #DEFAULT_MAX_CHAIN_DEPTH}). */
        public Builder maxChainDepth(int depth) {
            this.maxChainDepth = depth;
            return this;
        }

        /** Strict: TLS 1.2 and the mandated suites only (OpenADR 2.0b conformance mode). */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** Client side: verify the server certificate's names against the host (default on). */
        public Builder hostnameVerification(boolean on) {
            this.hostnameVerification = on;
            return this;
        }

        public Builder provider(TlsProvider provider) {
            this.provider = provider;
            return this;
        }

        /** Validates and builds; the exception message names the offending field. */
        public TlsConfig build() {
            if (profile == null) {
                throw new IllegalArgumentException("profile is required");
            }
            if (keyStore == null) {
                throw new IllegalArgumentException("keyStore is required: mutual TLS needs the endpoint's own certificate");
            }
            List<String> aliases = keyAliases(keyStore);
            if (aliases.isEmpty()) {
                throw new IllegalArgumentException("keyStore holds no private key entry");
            }
            if (trustAnchors.isEmpty()) {
                throw new IllegalArgumentException("trustAnchors must not be empty");
            }
            if (maxChainDepth < 2 || maxChainDepth > 10) {
                throw new IllegalArgumentException("maxChainDepth must be between 2 and 10, was " + maxChainDepth);
            }
            if (provider == null) {
                throw new IllegalArgumentException("provider is required");
            }
            if (rejectionListener == null) {
                throw new IllegalArgumentException("rejectionListener must not be null");
            }
            if (profile.requiresBouncyCastle() && provider == TlsProvider.JDK) {
                throw new IllegalArgumentException("provider: " + profile + " needs TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,"
                        + " which the JDK provider lacks; use AUTO or BOUNCY_CASTLE");
            }
            if (profile == TlsProfile.IEEE_2030_5) {
                for (String alias : aliases) {
                    if (!(certificate(keyStore, alias).getPublicKey() instanceof ECKey ec)
                            || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                        throw new IllegalArgumentException("keyStore: IEEE 2030.5 requires ECC P-256 keys, entry '"
                                + alias + "' is " + certificate(keyStore, alias).getPublicKey().getAlgorithm());
                    }
                }
            }
            return new TlsConfig(this);
        }

        private static List<String> keyAliases(KeyStore ks) {
            try {
                List<String> out = new ArrayList<>();
                for (String alias : Collections.list(ks.aliases())) {
                    if (ks.isKeyEntry(alias)) {
                        out.add(alias);
                    }
                }
                return out;
            } catch (KeyStoreException e) {
                throw new IllegalArgumentException("keyStore is not loaded: " + e.getMessage(), e);
            }
        }

        private static X509Certificate certificate(KeyStore ks, String alias) {
            try {
                return (X509Certificate) ks.getCertificate(alias);
            } catch (KeyStoreException e) {
                throw new IllegalArgumentException("keyStore is not loaded: " + e.getMessage(), e);
            }
        }
    }
}
