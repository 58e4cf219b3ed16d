package org.openvtn.certs.tls;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the revocation check of a resumed session needs to know without any state in the TLS session (issue #18:
 * a session carrying a bound value is never made into a stateless ticket by JSSE, so the session holds none).
 *
 * <p>For the CRLs OpenVTN holds (configured and file CRLs) that is the set of serial numbers they revoke, rebuilt
 * once per CRL generation: a peer none of whose certificates has a serial in it cannot be revoked by them, so a
 * resumed session (from the cache or from a ticket) costs one hash look-up per certificate; a serial that is in it
 * sends the peer through the full check (path building, issuer and CRL signature). For revocation data fetched per
 * certificate (CRL distribution points, OCSP) a bounded map remembers, per end-entity certificate fingerprint, the
 * CRL generation at which it was last fully checked; a peer evicted from it is checked again (slower, never weaker).
 */
final class CheckedPeers {

    /** How many fully checked peers are remembered when revocation data is fetched per certificate. */
    static final int CAPACITY = 4096;

    private record Serials(long generation, Set<BigInteger> revoked) {
    }

    private volatile Serials serials = new Serials(-1, Set.of());
    private final Map<String, Long> checked;

    CheckedPeers() {
        this(CAPACITY);
    }

    /** @param capacity how many fully checked peers are remembered */
    CheckedPeers(int capacity) {
        this.checked = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * @return true when a certificate of {@code chain} has a serial that one of {@code crls} revokes (under any
     *         issuer: the full check decides), computed from {@code crls} once per {@code generation}
     */
    boolean mayBeRevoked(X509Certificate[] chain, List<X509CRL> crls, long generation) {
        Serials s = serials;
        if (s.generation() != generation) {
            Set<BigInteger> revoked = new HashSet<>();
            for (X509CRL crl : crls) {
                Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
                if (entries != null) {
                    for (X509CRLEntry e : entries) {
                        revoked.add(e.getSerialNumber());
                    }
                }
            }
            s = new Serials(generation, Set.copyOf(revoked));
            serials = s;
        }
        if (s.revoked().isEmpty()) {
            return false;
        }
        for (X509Certificate cert : chain) {
            if (s.revoked().contains(cert.getSerialNumber())) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code leaf} was fully checked at {@code generation} and is still remembered. */
    synchronized boolean checkedAt(X509Certificate leaf, long generation) {
        Long at = checked.get(fingerprint(leaf));
        return at != null && at == generation;
    }

    /** Remembers that {@code leaf} passed the full check at {@code generation}. */
    synchronized void remember(X509Certificate leaf, long generation) {
        checked.put(fingerprint(leaf), generation);
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            return new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())).toString(36);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the peer certificate: " + e.getMessage(), e);
        }
    }
}
