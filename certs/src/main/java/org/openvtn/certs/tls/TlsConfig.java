package org.openvtn.certs.tls;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.time.Clock;
import java.time.Duration;
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
    // revocation and session bounds (issue #12 items 1 and 2)
    private final List<Path> crlFiles;
    private final Duration crlReloadInterval;
    private final boolean crlDistributionPoints;
    private final boolean revocationSoftFail;
    private final Duration crlFetchTimeout;
    private final boolean ocsp;
    private final boolean ocspOnlyEndEntity;
    private final Duration sessionTimeout;
    private final int sessionCacheSize;
    private final Clock clock;

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
        this.crlFiles = List.copyOf(b.crlFiles);
        this.crlReloadInterval = b.crlReloadInterval;
        this.crlDistributionPoints = b.crlDistributionPoints;
        this.revocationSoftFail = b.revocationSoftFail;
        this.crlFetchTimeout = b.crlFetchTimeout;
        this.ocsp = b.ocsp;
        this.ocspOnlyEndEntity = b.ocspOnlyEndEntity;
        this.sessionTimeout = b.sessionTimeout;
        this.sessionCacheSize = b.sessionCacheSize;
        this.clock = b.clock;
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

    /** The password of the key entries of {@link #keyStore()} (a copy). */
    public char[] keyPassword() {
        return keyPassword.clone();
    }

    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    /** CRLs given in memory; CRL files are in {@link #crlFiles()}. */
    public List<X509CRL> crls() {
        return crls;
    }

    /** CRL files, re-read when they change (see {@link RevocationSource}). */
    public List<Path> crlFiles() {
        return crlFiles;
    }

    /** How often at most a handshake looks whether a CRL file changed (default 30 s). */
    public Duration crlReloadInterval() {
        return crlReloadInterval;
    }

    /** Whether CRLs named in certificates' CRL distribution points are fetched over HTTP (default off). */
    public boolean crlDistributionPoints() {
        return crlDistributionPoints;
    }

    /** Whether an unreachable CRL distribution point is logged and skipped instead of failing (default off). */
    public boolean revocationSoftFail() {
        return revocationSoftFail;
    }

    /** Connect and read timeout of a CRL distribution point fetch (default 5 s). */
    public Duration crlFetchTimeout() {
        return crlFetchTimeout;
    }

    /** Whether certificates are checked with OCSP, at the responder their AIA extension names (default off). */
    public boolean ocsp() {
        return ocsp;
    }

    /** Whether OCSP asks about the end-entity certificate only, not the CAs of its path (default true). */
    public boolean ocspOnlyEndEntity() {
        return ocspOnlyEndEntity;
    }

    /** Lifetime of a cached TLS session (resumption); default 5 minutes. */
    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /** Maximum number of cached TLS sessions; default 10000. */
    public int sessionCacheSize() {
        return sessionCacheSize;
    }

    /** Clock for certificate validity re-checks and CRL staleness. */
    public Clock clock() {
        return clock;
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
        private final List<Path> crlFiles = new ArrayList<>();
        private Duration crlReloadInterval = Duration.ofSeconds(30);
        private boolean crlDistributionPoints;
        private boolean revocationSoftFail;
        private Duration crlFetchTimeout = Duration.ofSeconds(5);
        private boolean ocsp;
        private boolean ocspOnlyEndEntity = true;
        private Duration sessionTimeout = Duration.ofMinutes(5);
        private int sessionCacheSize = 10_000;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** How often at most a handshake looks whether a CRL file changed (0..1 day, default 30 s). */
        public Builder crlReloadInterval(Duration interval) {
            this.crlReloadInterval = interval;
            return this;
        }

        /** Fetch the CRLs named in certificates' CRL distribution points over HTTP (default off). */
        public Builder crlDistributionPoints(boolean on) {
            this.crlDistributionPoints = on;
            return this;
        }

        /** Skip (with a WARN) a CRL distribution point that cannot be fetched, instead of failing (default off). */
        public Builder revocationSoftFail(boolean on) {
            this.revocationSoftFail = on;
            return this;
        }

        /**
         * Check certificates with OCSP at the responder named in their authorityInfoAccess (default off); a
         * certificate without a responder, or an unreachable one, fails unless {@link #revocationSoftFail}.
         */
        public Builder ocsp(boolean on) {
            this.ocsp = on;
            return this;
        }

        /** OCSP for the end-entity certificate only (default true), or for every certificate of the path. */
        public Builder ocspOnlyEndEntity(boolean on) {
            this.ocspOnlyEndEntity = on;
            return this;
        }

        /** Timeout of a CRL distribution point fetch (1 ms..1 min, default 5 s). */
        public Builder crlFetchTimeout(Duration timeout) {
            this.crlFetchTimeout = timeout;
            return this;
        }

        /** Lifetime of a cached TLS session (1 s..1 day, default 5 minutes). */
        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = timeout;
            return this;
        }

        /** Maximum number of cached TLS sessions (1..1000000, default 10000). */
        public Builder sessionCacheSize(int size) {
            this.sessionCacheSize = size;
            return this;
        }

        /** Clock for validity re-checks of resumed sessions and CRL staleness (default system UTC). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
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

        /** Adds a PEM or DER CRL file (read now to fail fast, re-read when it changes). */
        public Builder crlFile(Path file) {
            PemFiles.readCrls(file);
            this.crlFiles.add(file);
            return this;
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
            check(crlReloadInterval, Duration.ZERO, Duration.ofDays(1), "crlReloadInterval");
            check(crlFetchTimeout, Duration.ofMillis(1), Duration.ofMinutes(1), "crlFetchTimeout");
            check(sessionTimeout, Duration.ofSeconds(1), Duration.ofDays(1), "sessionTimeout");
            if (sessionCacheSize < 1 || sessionCacheSize > 1_000_000) {
                throw new IllegalArgumentException("sessionCacheSize must be between 1 and 1000000, was "
                        + sessionCacheSize);
            }
            if (clock == null) {
                throw new IllegalArgumentException("clock is required");
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

        private static void check(Duration d, Duration min, Duration max, String field) {
            if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ", was " + d);
            }
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
