package org.openvtn.oadr20b;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.openvtn.admin.AdminConfig;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.testing.MutableClock;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * A real VTN on port 0 (mutual TLS, in-memory Derby, clock at {@link OadrHarness#T0}) with its admin API, for
 * integration tests that act as the operator (admin JSON over HTTP) and as VENs ({@link ScriptedVen} over TLS).
 */
final class AdminVtnFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final TestPki PKI = TestPki.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final VtnServer server;
    private final String token;

    /** A status and the parsed JSON body of an admin API answer. */
    record Reply(int status, JsonNode body) {
    }

    AdminVtnFixture(String name, String token) {
        this(name, token, EnrolmentPolicy.OPEN);
    }

    /** With the given enrolment policy on the OpenADR listener (issue #12 item 5). */
    AdminVtnFixture(String name, String token, EnrolmentPolicy enrolment) {
        this.token = token;
        this.server = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0)
                .clock(new MutableClock(OadrHarness.T0)).tls(PKI.oadrServerConfig().build())
                .inMemory(name + System.nanoTime()).enrolment(enrolment)
                .admin(AdminConfig.builder().port(0).token(token).build()).build());
    }

    VtnServer server() {
        return server;
    }

    HttpClient http() {
        return HTTP;
    }

    /** One admin API call with the bearer token; a JSON body is sent as application/json. */
    Reply admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.adminBaseUri().orElseThrow() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    /** A VEN with a fresh ECC certificate from the test PKI, registered (oadrCreatePartyRegistration). */
    ScriptedVen registeredVen(String namePrefix) {
        ScriptedVen ven = newVen(namePrefix);
        ven.register();
        return ven;
    }

    /** A VEN with a fresh ECC certificate from the test PKI, not registered. */
    ScriptedVen newVen(String namePrefix) {
        String name = namePrefix + System.nanoTime();
        KeyPair k = new KeyPairs().ecP256();
        Credential c = PKI.pki().authority("oadr-intermediate").issue(name,
                CertificateProfiles.oadrClient(name, k.getPublic(), Instant.now()).build(), k.getPrivate());
        return new ScriptedVen(server.oadrBaseUri().toString().replace("localhost", "127.0.0.1"),
                TlsFactory.of(PKI.oadrClientConfig(c).build()).clientSslContext(), OadrHarness.codec(), c);
    }

    @Override
    public void close() {
        server.close();
    }
}
