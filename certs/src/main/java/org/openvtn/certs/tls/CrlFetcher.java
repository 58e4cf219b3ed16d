package org.openvtn.certs.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the CRLs named in a certificate's CRL distribution points (RFC 5280 §4.2.1.13, HTTP
 * URIs only) and caches each until its {@code nextUpdate} (an hour when it has none). A CRL that
 * cannot be fetched, is larger than 1 MiB or is not signed by the certificate's issuer fails the
 * check, or with soft-fail is logged at WARN and skipped.
 */
final class CrlFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(CrlFetcher.class);
    private static final int MAX_CRL_BYTES = 1 << 20;
    private static final Duration NO_NEXT_UPDATE_TTL = Duration.ofHours(1);

    private final boolean softFail;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final Map<URI, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(X509CRL crl, Instant until) {
    }

    CrlFetcher(boolean softFail, Duration timeout, Clock clock) {
        this.softFail = softFail;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The CRLs of {@code cert}'s distribution points, signed by {@code issuer}. */
    List<X509CRL> crlsFor(X509Certificate cert, X509Certificate issuer) throws CertificateException {
        List<X509CRL> out = new ArrayList<>();
        for (URI uri : distributionPoints(cert)) {
            Cached c = cache.get(uri);
            if (c == null || !clock.instant().isBefore(c.until())) {
                try {
                    X509CRL crl = fetch(uri);
                    if (!RevocationSource.signedBy(crl, issuer)) {
                        throw new IOException("not signed by " + issuer.getSubjectX500Principal().getName());
                    }
                    Instant until = crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isAfter(clock.instant())
                            ? crl.getNextUpdate().toInstant() : clock.instant().plus(NO_NEXT_UPDATE_TTL);
                    c = new Cached(crl, until);
                    cache.put(uri, c);
                } catch (IOException | CertificateException | java.security.cert.CRLException e) {
                    if (!softFail) {
                        throw new CertificateException("revocation status unknown: CRL distribution point " + uri
                                + " failed: " + e.getMessage(), e);
                    }
                    LOG.warn("CRL distribution point {} failed ({}); soft-fail: not checked", uri, e.getMessage());
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CertificateException("interrupted fetching " + uri, e);
                }
            }
            out.add(c.crl());
        }
        return out;
    }

    private X509CRL fetch(URI uri) throws IOException, InterruptedException, java.security.cert.CRLException,
            CertificateException {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw new IOException("HTTP " + r.statusCode());
            }
            byte[] body = in.readNBytes(MAX_CRL_BYTES + 1);
            if (body.length > MAX_CRL_BYTES) {
                throw new IOException("CRL larger than " + MAX_CRL_BYTES + " bytes");
            }
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(body));
        }
    }

    static List<URI> distributionPoints(X509Certificate cert) throws CertificateException {
        byte[] ext = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (ext == null) {
            return List.of();
        }
        List<URI> out = new ArrayList<>();
        try {
            CRLDistPoint points = CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ext));
            for (DistributionPoint dp : points.getDistributionPoints()) {
                DistributionPointName name = dp.getDistributionPoint();
                if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                    continue;
                }
                for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
                    if (g.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        String s = ASN1IA5String.getInstance(g.getName()).getString();
                        if (s.toLowerCase(Locale.ROOT).startsWith("http://")
                                || s.toLowerCase(Locale.ROOT).startsWith("https://")) {
                            out.add(URI.create(s));
                        }
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new CertificateException("unreadable cRLDistributionPoints extension", e);
        }
        return out;
    }
}
