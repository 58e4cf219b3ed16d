package org.openvtn.certs.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.openvtn.certs.pki.PemFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revocation data of one TLS endpoint and the check that uses it (issue #12 items 1 and 2).
 *
 * <p>Revocation is checked on the certification path PKIX builds from the peer's certificate to a
 * configured trust anchor, never on the chain as the peer sent it: an unrelated, duplicated or
 * misplaced certificate in the sent chain cannot hide a revoked certificate. CRL files are
 * re-read when their modification time or size changes (looked at on a handshake at most every
 * {@link TlsConfig#crlReloadInterval()}); an unreadable new file keeps the last good CRLs (WARN).
 * A CRL whose {@code nextUpdate} has passed is still used, logged at WARN once and counted by
 * {@link #staleCrls()}. Optionally ({@link TlsConfig#crlDistributionPoints()}) the CRLs named in
 * the certificates' CRL distribution points are fetched over HTTP and cached until their
 * {@code nextUpdate}.
 */
public final class RevocationSource {

    private static final Logger LOG = LoggerFactory.getLogger(RevocationSource.class);

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> anchorCerts;
    private final int maxChainDepth;
    private final List<X509CRL> fixed;
    private final Map<Path, FileState> files = new LinkedHashMap<>();
    private final Duration reloadInterval;
    private final Clock clock;
    private final CrlFetcher fetcher;
    private final boolean ocsp;
    private final boolean ocspOnlyEndEntity;
    private final boolean softFail;
    private final List<Runnable> reloadListeners = new CopyOnWriteArrayList<>();
    private final Set<String> warnedStale = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final CheckedPeers checkedPeers = new CheckedPeers();
    private volatile List<X509CRL> current;
    private volatile Instant lastLook;
    private volatile long generation;

    private record FileState(long modified, long size, List<X509CRL> crls) {
    }

    RevocationSource(TlsConfig config) {
        this.anchorCerts = config.trustAnchors();
        this.anchors = anchorCerts.stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toSet());
        this.maxChainDepth = config.maxChainDepth();
        this.fixed = config.crls();
        this.reloadInterval = config.crlReloadInterval();
        this.clock = config.clock();
        this.fetcher = config.crlDistributionPoints()
                ? new CrlFetcher(config.revocationSoftFail(), config.crlFetchTimeout(), clock) : null;
        this.ocsp = config.ocsp();
        this.ocspOnlyEndEntity = config.ocspOnlyEndEntity();
        this.softFail = config.revocationSoftFail();
        for (Path p : config.crlFiles()) {
            files.put(p, read(p, null));
        }
        this.current = merge();
        this.lastLook = clock.instant();
    }

    /** True when any revocation data is configured; otherwise {@link #check} only builds nothing. */
    public boolean enabled() {
        return !fixed.isEmpty() || !files.isEmpty() || fetcher != null || ocsp;
    }

    /** The CRLs in force now (the configured ones and the last good content of every CRL file). */
    public List<X509CRL> crls() {
        refreshIfDue();
        return current;
    }

    /** Bumped every time the CRL set changes; sessions checked at an older generation are re-checked. */
    public long generation() {
        return generation;
    }

    /** Runs after every reload that changed the CRL set (e.g. to drop cached TLS sessions). */
    public void onReload(Runnable listener) {
        reloadListeners.add(listener);
    }

    /**
     * Number of CRLs in force whose {@code nextUpdate} has passed (a metric: {@code crl_stale});
     * each is logged at WARN once.
     */
    public int staleCrls() {
        Instant now = clock.instant();
        int stale = 0;
        for (X509CRL crl : crls()) {
            if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(now)) {
                stale++;
                String key = crl.getIssuerX500Principal().getName() + "@" + crl.getThisUpdate().getTime();
                if (warnedStale.add(key)) {
                    LOG.warn("CRL of {} is stale: nextUpdate {} has passed; publish a fresh CRL",
                            crl.getIssuerX500Principal().getName(), crl.getNextUpdate().toInstant());
                }
            }
        }
        return stale;
    }

    /** Re-reads changed CRL files now; returns true when the CRL set changed. */
    public synchronized boolean refresh() {
        lastLook = clock.instant();
        boolean changed = false;
        for (Map.Entry<Path, FileState> e : files.entrySet()) {
            FileState before = e.getValue();
            FileState after = read(e.getKey(), before);
            if (after != before) {
                e.setValue(after);
                changed = true;
            }
        }
        if (changed) {
            current = merge();
            generation++;
            LOG.info("CRLs reloaded: {} CRL(s) in force", current.size());
            staleCrls();
            for (Runnable r : reloadListeners) {
                try {
                    r.run();
                } catch (RuntimeException ex) {
                    LOG.warn("CRL reload listener failed", ex);
                }
            }
        }
        return changed;
    }

    /**
     * Builds the certification path from {@code chain[0]} to a trust anchor, using the other sent
     * certificates only as candidates, and fails when a certificate of that path is revoked.
     *
     * @throws CertificateException naming the revoked certificate, or why no path could be built
     */
    public void check(X509Certificate[] chain) throws CertificateException {
        if (!enabled()) {
            return;
        }
        PKIXCertPathBuilderResult built = buildPath(chain);
        List<X509Certificate> path = new ArrayList<>();
        for (Certificate c : built.getCertPath().getCertificates()) {
            path.add((X509Certificate) c);
        }
        X509Certificate anchor = built.getTrustAnchor().getTrustedCert();
        List<X509CRL> crls = new ArrayList<>(crls());
        for (int i = 0; i < path.size(); i++) {
            X509Certificate cert = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor;
            List<X509CRL> candidates = crls;
            if (fetcher != null) {
                candidates = new ArrayList<>(crls);
                candidates.addAll(fetcher.crlsFor(cert, issuer));
            }
            for (X509CRL crl : candidates) {
                if (crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                        && signedBy(crl, issuer) && crl.isRevoked(cert)) {
                    throw new CertificateException("certificate serial " + cert.getSerialNumber().toString(16)
                            + " (" + cert.getSubjectX500Principal().getName() + ") is revoked by the CRL of "
                            + issuer.getSubjectX500Principal().getName());
                }
            }
        }
        if (ocsp) {
            checkOcsp(built);
        }
    }

    /** OCSP through the JDK's PKIXRevocationChecker (responder from the certificates' AIA; no CRL fallback). */
    private void checkOcsp(PKIXCertPathBuilderResult built) throws CertificateException {
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
            Set<PKIXRevocationChecker.Option> options = EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK);
            if (ocspOnlyEndEntity) {
                options.add(PKIXRevocationChecker.Option.ONLY_END_ENTITY);
            }
            if (softFail) {
                options.add(PKIXRevocationChecker.Option.SOFT_FAIL);
            }
            checker.setOptions(options);
            PKIXParameters p = new PKIXParameters(Set.of(built.getTrustAnchor()));
            p.setRevocationEnabled(false); // the explicit checker below still runs
            p.addCertPathChecker(checker);
            p.setDate(Date.from(clock.instant()));
            validator.validate(built.getCertPath(), p);
            for (CertPathValidatorException soft : checker.getSoftFailExceptions()) {
                LOG.warn("OCSP check skipped (soft-fail): {}", soft.getMessage());
            }
        } catch (CertPathValidatorException e) {
            throw new CertificateException("OCSP: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("OCSP check failed: " + e.getMessage(), e);
        }
    }

    /**
     * The check of an XML signature's signing certificate (usable as the schemas module's
     * {@code SignerCheck}): {@link #check} on the signer with the certificates the signature carried.
     */
    public void checkSigner(X509Certificate signer, List<X509Certificate> chain) throws CertificateException {
        List<X509Certificate> all = new ArrayList<>();
        all.add(signer);
        all.addAll(chain);
        check(all.toArray(new X509Certificate[0]));
    }

    /**
     * Re-checks the peer of an established or resumed session (from the session cache or from a stateless ticket):
     * the end-entity certificate must still be within its validity and its path must not be revoked by the CRLs in
     * force now (issue #12 item 2: no life after revocation or expiry in a resumed session). Nothing is stored in
     * the session (issue #18: JSSE makes no stateless ticket of a session with bound values): against the CRLs held
     * here the peer's serials are looked up in the revoked serials of the current CRL generation (a hit runs the
     * full {@link #check}); with fetched revocation data (CRL distribution points, OCSP) a peer not fully checked at
     * the current generation, as remembered by a bounded map, is checked again.
     */
    public void checkSession(SSLSession session) throws CertificateException {
        X509Certificate[] chain;
        try {
            Certificate[] certs = session.getPeerCertificates();
            chain = Arrays.copyOf(certs, certs.length, X509Certificate[].class);
        } catch (SSLPeerUnverifiedException e) {
            throw new CertificateException("no peer certificate in the session", e);
        }
        if (chain.length == 0) {
            throw new CertificateException("no peer certificate in the session");
        }
        chain[0].checkValidity(Date.from(clock.instant()));
        refreshIfDue();
        if (!enabled()) {
            return;
        }
        long gen = generation;
        if (fetcher == null && !ocsp) {
            if (checkedPeers.mayBeRevoked(chain, current, gen)) {
                check(chain);
            }
        } else if (!checkedPeers.checkedAt(chain[0], gen)) {
            check(chain);
            checkedPeers.remember(chain[0], gen);
        }
    }

    /**
     * Tells this source that {@code leaf} passed the full {@link #check} of a handshake at CRL generation
     * {@code checkedAt}, so the session check right after it need not fetch revocation data again.
     */
    void checked(X509Certificate leaf, long checkedAt) {
        if (enabled() && (fetcher != null || ocsp)) {
            checkedPeers.remember(leaf, checkedAt);
        }
    }

    private PKIXCertPathBuilderResult buildPath(X509Certificate[] chain) throws CertificateException {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(chain[0]);
            PKIXBuilderParameters p = new PKIXBuilderParameters(anchors, target);
            p.setRevocationEnabled(false);
            p.setMaxPathLength(maxChainDepth - 2);
            p.setDate(Date.from(clock.instant()));
            Set<Certificate> candidates = new HashSet<>(Arrays.asList(chain));
            candidates.addAll(anchorCerts);
            p.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(candidates)));
            return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(p);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("no certification path for revocation checking: " + e.getMessage(), e);
        }
    }

    private void refreshIfDue() {
        if (!files.isEmpty() && !clock.instant().isBefore(lastLook.plus(reloadInterval))) {
            refresh();
        }
    }

    private List<X509CRL> merge() {
        List<X509CRL> all = new ArrayList<>(fixed);
        for (FileState s : files.values()) {
            all.addAll(s.crls());
        }
        return List.copyOf(all);
    }

    /** The file's CRLs, {@code before} when unchanged or unreadable (null before: fail). */
    private static FileState read(Path file, FileState before) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            long modified = a.lastModifiedTime().toMillis();
            if (before != null && before.modified() == modified && before.size() == a.size()) {
                return before;
            }
            return new FileState(modified, a.size(), PemFiles.readCrls(file));
        } catch (IOException | RuntimeException e) {
            if (before == null) {
                throw new IllegalArgumentException("crlFile " + file + " is unreadable: " + e.getMessage(), e);
            }
            LOG.warn("CRL file {} is unreadable ({}); keeping the CRLs loaded before", file, e.getMessage());
            return before;
        }
    }

    static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
