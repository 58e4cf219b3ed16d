package org.openvtn.oadr3.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Verifies access tokens of an external authorization server (issue #20): JWS signature by a key of the server's
 * JWK set (fetched over https, trusting {@link Oadr3ExternalAuth#trustAnchors()}, cached; a token naming an unknown
 * {@code kid} makes one refetch, at most once per {@code jwksMinRefresh}, so rotated keys are picked up), algorithms
 * ES256/ES384/RS256/PS256 only ({@code alg: none} and HMAC are refused), {@code iss} equal to the issuer, the
 * audience in {@code aud}, {@code exp} required and {@code nbf} honoured with {@code clockSkew} leeway. The role
 * claim must name the BL or VEN role; the client identity comes from {@code clientIdClaim}. Each external client
 * seen is remembered in the clients table (without a secret) so the notifier knows the role of a subscription's
 * owner (Definition "Object privacy").
 */
final class Oadr3ExternalTokens {
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.RS256, JWSAlgorithm.PS256);
    private final Oadr3ExternalAuth auth;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Oadr3Clients clients;
    private final Map<String, String> known = new ConcurrentHashMap<>();

    Oadr3ExternalTokens(Oadr3ExternalAuth auth, Clock clock, Oadr3Clients clients) {
        this.auth = auth;
        this.clients = clients;
        JWKSourceBuilder<SecurityContext> b;
        try {
            b = JWKSourceBuilder.create(auth.jwksUrl().toURL(),
                    new DefaultResourceRetriever(5000, 5000, 512 * 1024, true, sockets(auth)));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("jwksUrl: " + e.getMessage(), e);
        }
        long minRefresh = auth.jwksMinRefresh().toMillis();
        JWKSource<SecurityContext> keys = (minRefresh == 0 ? b.rateLimited(false) : b.rateLimited(minRefresh))
                .retrying(false).build();
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(auth.audience(),
                new JWTClaimsSet.Builder().issuer(auth.issuer()).build(), Set.of("exp", auth.clientIdClaim())) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) auth.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    private static SSLSocketFactory sockets(Oadr3ExternalAuth auth) {
        if (auth.trustAnchors().isEmpty()) {
            return null;
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < auth.trustAnchors().size(); i++) {
                ks.setCertificateEntry("anchor" + i, auth.trustAnchors().get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl.getSocketFactory();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("trustAnchors: " + e.getMessage(), e);
        }
    }

    /** @throws Oadr3Exception 401 naming what is wrong */
    Oadr3Caller verify(String token) {
        JWTClaimsSet c;
        try {
            c = processor.process(token, null);
        } catch (ParseException e) {
            throw Oadr3Exception.unauthorized("the bearer token is not a JWT");
        } catch (BadJOSEException e) {
            throw Oadr3Exception.unauthorized("the bearer token is not valid: " + e.getMessage());
        } catch (JOSEException e) {
            throw Oadr3Exception.unauthorized("the bearer token cannot be verified: " + e.getMessage());
        }
        String clientId;
        Set<String> roles = new HashSet<>();
        try {
            clientId = c.getStringClaim(auth.clientIdClaim());
            Object r = c.getClaim(auth.roleClaim());
            if (r instanceof String s) {
                roles.addAll(List.of(s.split(" ")));
            } else if (r instanceof List<?> l) {
                l.forEach(v -> roles.add(String.valueOf(v)));
            }
        } catch (ParseException e) {
            throw Oadr3Exception.unauthorized("the bearer token's " + auth.clientIdClaim() + " is not a string");
        }
        String role = roles.contains(auth.blRole()) ? Oadr3Roles.BL
                : roles.contains(auth.venRole()) ? Oadr3Roles.VEN : null;
        if (clientId == null || clientId.isBlank() || clientId.length() > 128) {
            throw Oadr3Exception.unauthorized("the bearer token's " + auth.clientIdClaim()
                    + " must be 1-128 characters");
        }
        if (role == null) {
            throw Oadr3Exception.unauthorized("the bearer token names no " + auth.blRole() + " or " + auth.venRole()
                    + " role in " + auth.roleClaim());
        }
        if (!role.equals(known.get(clientId))) {
            clients.remember(clientId, role);
            known.put(clientId, role);
        }
        return new Oadr3Caller(clientId, role, new HashSet<>(Oadr3Roles.scopes(role)));
    }
}
