package org.openvtn.oadr3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.oadr3.http.Oadr3Config;
import org.openvtn.oadr3.service.Oadr3ExternalAuth;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * Tokens of an external authorization server (issue #20; 3.1 Definition "Authorization": {@code /auth/server}
 * names the token URL of the server the VTN relies on; RFC 7519 §4.1 iss/aud/exp/nbf, RFC 7517 JWK set): a JWK set
 * served over real TLS by an in-test server with EC keys; signed tokens with the configured issuer, audience and
 * role claim are accepted, wrong issuer or audience, expired, unknown key id, {@code alg: none} and a token without
 * a role are 401 problem+json; a rotated key is picked up by refetching the set on its unknown kid; the built-in
 * token endpoint answers 404.
 */
class Oadr3ExternalAuthIT {
    static final String ISSUER = "https://idp.example/realms/dr";
    static final String AUDIENCE = "openvtn-31";
    static VtnServer server;
    static HttpsServer jwks;
    static volatile String jwkSet;
    static final AtomicInteger fetches = new AtomicInteger();
    static ECKey first;
    static Oadr3TestClient anon;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = TestPki.shared();
        first = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        jwkSet = new JWKSet(first.toPublicJWK()).toString();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        char[] pw = "changeit".toCharArray();
        kmf.init(pki.vtnEcc().toKeyStore(pw), pw);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        jwks = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.setHttpsConfigurator(new HttpsConfigurator(ssl));
        jwks.createContext("/jwks", x -> {
            fetches.incrementAndGet();
            byte[] b = jwkSet.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        jwks.start();
        List<X509Certificate> anchors = pki.oadrServerConfig().build().trustAnchors();
        Oadr3ExternalAuth auth = new Oadr3ExternalAuth(ISSUER, AUDIENCE,
                URI.create("https://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks"),
                URI.create(ISSUER + "/protocol/openid-connect/token"), "roles", "dr-bl", "dr-ven", "azp", anchors,
                Duration.ofSeconds(30), Duration.ZERO);
        server = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0)
                .tls(pki.oadrServerConfig().build()).inMemory("oadr3-external-auth-it")
                .oadr3(Oadr3Config.builder().tls(pki.oadrServerConfig().build()).port(0).externalAuth(auth).build())
                .build());
        anon = new Oadr3TestClient(Oadr3WebhookIT.trusting(anchors), server.oadr3().orElseThrow().baseUri());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    static JWTClaimsSet.Builder claims(String client, String role) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).claim("azp", client)
                .subject("service-account-" + client).claim("roles", List.of("offline_access", role))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    static String sign(ECKey key, JWTClaimsSet c) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), c);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    static void refused(String token) {
        var a = anon.as(token).get("/programs");
        assertEquals(401, a.status(), String.valueOf(a.body()));
        assertEquals("application/problem+json", a.contentType());
    }

    /** Definition "Authorization": /auth/server names the external token URL; the VTN issues no token itself. */
    @Test
    void discoveryPointsAtTheExternalServer() {
        var info = anon.get("/auth/server");
        assertEquals(200, info.status());
        assertEquals(ISSUER + "/protocol/openid-connect/token", info.body().get("tokenURL").asText());
        var token = anon.tokenRequest("grant_type=client_credentials&client_id=x&client_secret=y", null);
        assertEquals(404, token.status());
        assertEquals("application/problem+json", token.contentType());
    }

    /** Roles from the configured claim: dr-bl is a BL client, dr-ven a VEN client (403 on createProgram). */
    @Test
    void signedTokensAreAcceptedWithTheirRoles() throws Exception {
        var bl = anon.as(sign(first, claims("planner", "dr-bl").build()));
        assertEquals(201, bl.post("/programs", "{\"programName\":\"external-p\"}").status());
        var ven = anon.as(sign(first, claims("ven-7", "dr-ven").build()));
        assertEquals(200, ven.get("/programs").status());
        assertEquals(403, ven.post("/programs", "{\"programName\":\"by-ven\"}").status());
        var own = ven.post("/vens", "{\"objectType\":\"VEN_VEN_REQUEST\",\"venName\":\"ven-7\"}");
        assertEquals(201, own.status(), String.valueOf(own.body()));
        assertEquals("ven-7", own.body().get("clientID").asText(), "the VEN identity comes from azp");
        // nbf a little in the future is inside the 30 s clock skew
        assertEquals(200, anon.as(sign(first, claims("planner", "dr-bl")
                .notBeforeTime(Date.from(Instant.now().plusSeconds(10))).build())).get("/programs").status());
    }

    /** RFC 7519 §4.1: iss, aud, exp, nbf; signature by a key of the JWK set; no unsecured JWT (alg none). */
    @Test
    void invalidTokensAre401() throws Exception {
        refused(sign(first, claims("planner", "dr-bl").issuer("https://other.example").build()));
        refused(sign(first, claims("planner", "dr-bl").audience("someone-else").build()));
        Instant past = Instant.now().minusSeconds(600);
        refused(sign(first, claims("planner", "dr-bl").issueTime(Date.from(past.minusSeconds(60)))
                .expirationTime(Date.from(past)).build()));
        refused(sign(first, claims("planner", "dr-bl").notBeforeTime(Date.from(Instant.now().plusSeconds(600)))
                .build()));
        refused(sign(new ECKeyGenerator(Curve.P_256).keyID("stranger").generate(),
                claims("planner", "dr-bl").build()));
        refused(sign(new ECKeyGenerator(Curve.P_256).keyID("k1").generate(), claims("planner", "dr-bl").build()));
        refused(new PlainJWT(claims("planner", "dr-bl").build()).serialize());
        refused(sign(first, claims("planner", "no-role").build()));
        refused("not-a-jwt");
    }

    /** RFC 7517 key rotation: a token signed by a key published after the set was cached is accepted. */
    @Test
    void rotatedKeyIsPickedUp() throws Exception {
        ECKey second = new ECKeyGenerator(Curve.P_256).keyID("k2").generate();
        String token = sign(second, claims("planner", "dr-bl").build());
        refused(token);
        int before = fetches.get();
        jwkSet = new JWKSet(List.of(first.toPublicJWK(), second.toPublicJWK())).toString();
        assertEquals(200, anon.as(token).get("/programs").status());
        assertEquals(before + 1, fetches.get(), "one refetch for the unknown kid");
        assertEquals(200, anon.as(token).get("/programs").status());
        assertEquals(before + 1, fetches.get(), "then served from the cache");
    }
}
