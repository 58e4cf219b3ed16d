package org.openvtn.oadr3.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Access tokens of the OpenADR 3.1 token endpoint (openadr3.yaml {@code /auth/token}, RFC 6749 §4.4 client
 * credentials): JWTs (RFC 7519) signed ES256 with the VTN's key, carrying {@code sub} = client_id, {@code scope}
 * (space separated, RFC 8693 §4.2), {@code role}, {@code iss}, {@code aud}, {@code iat}, {@code exp}. The key is
 * generated on first start and kept owner-only in the data directory ({@value #KEY_FILE}); a VTN without a data
 * directory (tests) uses a key that lives as long as the process.
 */
public final class Oadr3Tokens {
    /** File name of the signing key (a JWK, owner read/write only) in the data directory. */
    public static final String KEY_FILE = "oadr3-token-key.jwk";
    /** Issuer and audience of the tokens this VTN issues. */
    public static final String ISSUER = "openvtn";

    /** Verified tokens kept at most: a fleet's tokens for their lifetime (one entry is about 1 KB). */
    static final int CACHE_MAX = 20_000;

    private final ECKey key;
    private final JWSVerifier verifier;
    /**
     * Tokens already verified, by their exact compact serialisation (so by their signed content), with their expiry:
     * the ES256 signature check was 86 % of the CPU of a {@code GET /events} (BENCHMARKS.md "OpenADR 3.1").
     * Expiry is still checked on every use; the cache is emptied when full.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Verified> verified =
            new java.util.concurrent.ConcurrentHashMap<>();

    private record Verified(Oadr3Caller caller, Instant expires) {
    }
    private final Clock clock;
    private final Duration lifetime;

    private Oadr3Tokens(ECKey key, Clock clock, Duration lifetime) {
        this.key = key;
        this.clock = clock;
        this.lifetime = lifetime;
        try {
            this.verifier = new ECDSAVerifier(key.toPublicJWK());
        } catch (JOSEException e) {
            throw new IllegalStateException("token key unusable: " + e.getMessage(), e);
        }
    }

    /**
     * @param dataDir  where the key is kept; null = an in-memory key
     * @param clock    issue and expiry time
     * @param lifetime token lifetime ({@code expires_in})
     */
    public static Oadr3Tokens open(Path dataDir, Clock clock, Duration lifetime) {
        return new Oadr3Tokens(dataDir == null ? generate() : loadOrCreate(dataDir.resolve(KEY_FILE)), clock, lifetime);
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the token key: " + e.getMessage(), e);
        }
    }

    private static ECKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return ECKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            ECKey k = generate();
            org.openvtn.certs.pki.SecretFiles.write(file, k.toJSONString().getBytes(StandardCharsets.UTF_8));
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException("token key " + file + ": " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new IllegalStateException("token key " + file + " is not a JWK: " + e.getMessage(), e);
        }
    }

    /** An issued token and its lifetime in seconds. */
    public record Issued(String accessToken, long expiresIn, String scope) {
    }

    /** Issues a token for a client with the scopes of its role. */
    public Issued issue(String clientId, String role) {
        List<String> scopes = Oadr3Roles.scopes(role);
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(clientId).issuer(ISSUER).audience(ISSUER)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString()).claim("scope", String.join(" ", scopes))
                .claim("role", Oadr3Roles.normalise(role)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
        return new Issued(jwt.serialize(), lifetime.toSeconds(), String.join(" ", scopes));
    }

    /**
     * Verifies a bearer token: ES256 signature by this VTN's key, issuer, audience, not expired (no leeway).
     *
     * @throws Oadr3Exception 401 naming what is wrong
     */
    public Oadr3Caller verify(String token) {
        Verified known = verified.get(token);
        if (known != null) {
            if (clock.instant().isBefore(known.expires())) {
                return known.caller();
            }
            verified.remove(token);
            throw Oadr3Exception.unauthorized("the bearer token has expired");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw Oadr3Exception.unauthorized("the bearer token is not a JWT");
        }
        try {
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw Oadr3Exception.unauthorized("the bearer token's signature is not this VTN's");
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(c.getIssuer()) || c.getAudience() == null || !c.getAudience().contains(ISSUER)) {
                throw Oadr3Exception.unauthorized("the bearer token was not issued for this VTN");
            }
            if (c.getExpirationTime() == null || !clock.instant().isBefore(c.getExpirationTime().toInstant())) {
                throw Oadr3Exception.unauthorized("the bearer token has expired");
            }
            String scope = c.getStringClaim("scope");
            Set<String> scopes = new HashSet<>(scope == null ? List.of() : List.of(scope.split(" ")));
            Oadr3Caller caller = new Oadr3Caller(c.getSubject(), Oadr3Roles.normalise(c.getStringClaim("role")),
                    Set.copyOf(scopes));
            if (verified.size() >= CACHE_MAX) {
                verified.clear();
            }
            verified.put(token, new Verified(caller, c.getExpirationTime().toInstant()));
            return caller;
        } catch (JOSEException | ParseException | IllegalArgumentException e) {
            throw Oadr3Exception.unauthorized("the bearer token cannot be verified");
        }
    }
}
