package org.openvtn.oadr3.service;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Tokens of an external OAuth2 authorization server instead of the built-in token endpoint (issue #20; 3.1 Definition
 * "Authorization": the VTN may rely on a separate authorization server, discovered through {@code /auth/server}).
 *
 * @param issuer          required {@code iss}
 * @param audience        required value in {@code aud}
 * @param jwksUrl         the server's JWK set (RFC 7517 §5), fetched over https
 * @param tokenUrl        what {@code GET /auth/server} answers as {@code tokenURL}
 * @param roleClaim       claim naming the role (a string or an array of strings)
 * @param blRole          value of the role claim that makes a business-logic client
 * @param venRole         value of the role claim that makes a VEN client
 * @param clientIdClaim   claim holding the client identity (object privacy compares it with objects' clientID)
 * @param trustAnchors    CAs the JWKS server's certificate must chain to; empty = the JDK trust store
 * @param clockSkew       leeway on {@code exp} and {@code nbf}
 * @param jwksMinRefresh  least time between two JWK set fetches caused by unknown key ids; zero = no limit
 */
public record Oadr3ExternalAuth(String issuer, String audience, URI jwksUrl, URI tokenUrl, String roleClaim,
                                String blRole, String venRole, String clientIdClaim,
                                List<X509Certificate> trustAnchors, Duration clockSkew, Duration jwksMinRefresh) {
    public Oadr3ExternalAuth {
        require(issuer, "issuer");
        require(audience, "audience");
        if (jwksUrl == null || !"https".equalsIgnoreCase(jwksUrl.getScheme())) {
            throw new IllegalArgumentException("jwksUrl: an https URL is required");
        }
        if (tokenUrl == null || !tokenUrl.isAbsolute()) {
            throw new IllegalArgumentException("tokenUrl: an absolute URL is required");
        }
        roleClaim = roleClaim == null ? "role" : roleClaim;
        blRole = blRole == null ? Oadr3Roles.BL : blRole;
        venRole = venRole == null ? Oadr3Roles.VEN : venRole;
        clientIdClaim = clientIdClaim == null ? "sub" : clientIdClaim;
        trustAnchors = trustAnchors == null ? List.of() : List.copyOf(trustAnchors);
        clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
        jwksMinRefresh = jwksMinRefresh == null ? Duration.ofSeconds(30) : jwksMinRefresh;
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("clockSkew: 0 to PT5M");
        }
        if (jwksMinRefresh.isNegative()) {
            throw new IllegalArgumentException("jwksMinRefresh: must be >= 0");
        }
    }

    private static void require(String v, String name) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + ": required");
        }
    }
}
