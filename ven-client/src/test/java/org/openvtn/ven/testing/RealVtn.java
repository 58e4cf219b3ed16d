package org.openvtn.ven.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openvtn.admin.AdminConfig;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;
import org.openvtn.ven.RegistrationStore;
import org.openvtn.ven.RetryPolicy;
import org.openvtn.ven.VenClient;
import org.openvtn.ven.VenClientBuilder;
import org.openvtn.ven.VenListener;

/**
 * Helpers for tests against the real VTN ({@code vtn-server}, test scope): a server config on 127.0.0.1 with mutual
 * TLS from the test PKI and the admin API on port 0, fresh VEN certificates (the VTN identifies a VEN by its
 * certificate, so every VEN needs its own), clients wired to a server, and a small admin API client.
 */
public final class RealVtn {

    public static final String ADMIN_TOKEN = "ven-client-it-token-0123456789";

    private RealVtn() {
    }

    /** A VTN config: OpenADR listener on 127.0.0.1 (port 0 unless changed), admin API on 127.0.0.1 port 0. */
    public static VtnConfig.Builder config(TestPki pki) {
        return VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0).tls(pki.oadrServerConfig().build())
                .admin(AdminConfig.builder().port(0).token(ADMIN_TOKEN).build())
                // the test VENs' push listeners are on loopback, which the production push host rule refuses
                // (at registration since issue #14 item 4)
                .push(org.openvtn.oadr20b.push.PushConfig.builder().allowedHosts(java.util.List.of("127.0.0.1/32"))
                        .build());
    }

    /** A VTN with an in-memory database of its own. */
    public static VtnServer startInMemory(TestPki pki, String prefix) {
        return VtnServer.start(config(pki).inMemory(prefix + System.nanoTime()).build());
    }

    /** A fresh ECC VEN certificate issued by the test PKI's OpenADR intermediate. */
    public static Credential credential(TestPki pki, String name) {
        KeyPair k = new KeyPairs().ecP256();
        return pki.pki().authority("oadr-intermediate").issue(name,
                CertificateProfiles.oadrClient(name, k.getPublic(), Instant.now()).build(), k.getPrivate());
    }

    /** A client for this server: in-memory registration store, no background polls for an hour, quick retries. */
    public static VenClientBuilder client(TestPki pki, VtnServer server, Credential cred, VenListener listener) {
        return VenClient.builder().vtnUrl("https://localhost:" + server.oadrPort()).venName(cred.name())
                .tlsConfig(pki.oadrClientConfig(cred).build()).listener(listener)
                .registrationStore(RegistrationStore.inMemory()).pollInterval(Duration.ofHours(1))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(500), 2, 0.2));
    }

    /** The operator's side: the admin REST API of a server, JSON in and out. */
    public static final class Admin {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;

        public Admin(VtnServer server) {
            this.base = server.adminBaseUri().orElseThrow(() -> new IllegalStateException("admin API not enabled"));
        }

        /** The HTTP status and JSON body of one call. */
        public record Reply(int status, JsonNode body) {
            /** The body, after checking the status is 2xx. */
            public JsonNode ok() {
                if (status / 100 != 2) {
                    throw new AssertionError("admin API answered " + status + ": " + body);
                }
                return body;
            }
        }

        public Reply get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        public Reply post(String path, Object body) {
            try {
                return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private Reply send(HttpRequest.Builder b) {
            try {
                HttpResponse<String> r = http.send(b.header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
            } catch (IOException e) {
                throw new IllegalStateException("admin API call failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
