package org.openvtn.conformance.target;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.openvtn.certs.pki.PemFiles;
import org.openvtn.certs.tls.BcProviders;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.http.HttpsProbe;

/**
 * TLS material for talking to a target, built from a {@link TargetConfig}: client contexts with the suite's
 * own certificate (or another identity, e.g. from the PKI directory), and a context that presents no
 * certificate at all (for the "no client certificate -> rejected" checks: OpenADR 2.0b §10 / conformance
 * rule 67; IEEE 2030.5 §6.11, CSIP COMM-003).
 *
 * <p>Host name verification follows the target property {@code verifyHostname} (default {@code true}); the
 * HTTP timeout follows {@code httpTimeout} (ISO-8601 duration, default {@code PT30S}).
 */
public final class TargetTls {

    /** Target property switching host name verification of the server certificate (default true). */
    public static final String VERIFY_HOSTNAME = "verifyHostname";
    /** Target property: per-exchange connect/read timeout, ISO-8601 (default PT30S). */
    public static final String HTTP_TIMEOUT = "httpTimeout";

    private TargetTls() {
    }

    /** A client config builder: the target's certificate, key and CA, the given profile. */
    public static TlsConfig.Builder clientConfig(TargetConfig target, TlsProfile profile) {
        require(target.certificate(), "certificate");
        require(target.privateKey(), "key");
        return clientConfig(target, profile, target.certificate(), target.privateKey());
    }

    /** A client config builder for another identity (chain and PKCS#8 key PEM files), trusting the target's CA. */
    public static TlsConfig.Builder clientConfig(TargetConfig target, TlsProfile profile, Path chain, Path key) {
        require(target.caCertificate(), "ca");
        return TlsConfig.builder().profile(profile).pem(chain, key).trustAnchorFile(target.caCertificate())
                .hostnameVerification(verifyHostname(target));
    }

    /** A probe presenting the target configuration's client certificate. */
    public static HttpsProbe probe(TargetConfig target, TlsProfile profile) {
        return HttpsProbe.create(TlsFactory.of(clientConfig(target, profile).build()).clientSslContext(), null,
                httpTimeout(target));
    }

    /** A probe presenting another identity. */
    public static HttpsProbe probe(TargetConfig target, TlsProfile profile, Path chain, Path key) {
        return HttpsProbe.create(TlsFactory.of(clientConfig(target, profile, chain, key).build()).clientSslContext(),
                null, httpTimeout(target));
    }

    /**
     * A probe that presents no client certificate but otherwise speaks the profile (protocols, suites, the
     * provider the profile needs) and trusts the target's CA.
     */
    public static HttpsProbe anonymousProbe(TargetConfig target, TlsProfile profile) {
        require(target.caCertificate(), "ca");
        return HttpsProbe.create(anonymousContext(target.caCertificate(), profile),
                parameters(profile, verifyHostname(target)), httpTimeout(target));
    }

    /** An initialised context with no key material that trusts the certificates of {@code caFile}. */
    public static SSLContext anonymousContext(Path caFile, TlsProfile profile) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate c : PemFiles.readCertificates(caFile)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            boolean bc = profile.requiresBouncyCastle();
            TrustManagerFactory tmf = bc ? TrustManagerFactory.getInstance("PKIX", BcProviders.jsse())
                    : TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            SSLContext ctx = bc ? SSLContext.getInstance("TLS", BcProviders.jsse()) : SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("cannot build a TLS context trusting " + caFile + ": " + e.getMessage(),
                    e);
        }
    }

    /** The profile's protocols and suites (non-strict), with or without host name verification. */
    public static SSLParameters parameters(TlsProfile profile, boolean verifyHostname) {
        SSLParameters p = new SSLParameters(profile.cipherSuites(false).toArray(new String[0]),
                profile.protocols(false).toArray(new String[0]));
        if (verifyHostname) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        return p;
    }

    /** The target's {@value #VERIFY_HOSTNAME} property (default true). */
    public static boolean verifyHostname(TargetConfig target) {
        return !"false".equalsIgnoreCase(target.property(VERIFY_HOSTNAME, "true").trim());
    }

    /** The target's {@value #HTTP_TIMEOUT} property (default 30 s). */
    public static Duration httpTimeout(TargetConfig target) {
        String v = target.property(HTTP_TIMEOUT, "PT30S").trim();
        try {
            return Duration.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(HTTP_TIMEOUT + ": not an ISO-8601 duration: " + v);
        }
    }

    private static void require(Path p, String what) {
        Objects.requireNonNull(p, () -> "target configuration has no " + what + " file");
    }
}
