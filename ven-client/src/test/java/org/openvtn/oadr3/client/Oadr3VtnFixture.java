package org.openvtn.oadr3.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.openvtn.admin.AdminConfig;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.oadr3.http.Oadr3Config;
import org.openvtn.oadr3.notify.Oadr3MqttConfig;
import org.openvtn.oadr3.notify.Oadr3NotifierConfig;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * A real VtnServer with the OpenADR 3.1 listener (TLS, port 0, in-memory Derby) and 3.1 clients created through
 * the admin API ({@code POST /api/v1/oadr3/clients}), as vtn-server's Oadr3ApiIT starts one.
 */
final class Oadr3VtnFixture implements AutoCloseable {
    static final String ADMIN_TOKEN = "admin-token-for-oadr3-client-it-0123";

    final TestPki pki = TestPki.shared();
    final VtnServer server;

    Oadr3VtnFixture(String db, Clock clock, java.time.Duration tokenLifetime) {
        this(db, clock, tokenLifetime, null);
    }

    /** With {@code mqtt}: the VTN's MQTT notifier publishes to that broker (retrying every 0.2..2 s while down). */
    Oadr3VtnFixture(String db, Clock clock, java.time.Duration tokenLifetime, Oadr3MqttConfig mqtt) {
        Oadr3NotifierConfig notifiers = Oadr3NotifierConfig.defaults()
                .withTrustAnchors(pki.oadrServerConfig().build().trustAnchors())
                .withPrivateCallbacks(true); // the receivers listen on 127.0.0.1
        if (mqtt != null) {
            notifiers = notifiers.withMqtt(mqtt).withBackoff(java.time.Duration.ofMillis(200),
                    java.time.Duration.ofSeconds(2), 1000);
        }
        server = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0).clock(clock)
                .tls(pki.oadrServerConfig().build()).inMemory(db)
                .admin(AdminConfig.builder().port(0).token(ADMIN_TOKEN).build())
                .oadr3(Oadr3Config.builder().tls(pki.oadrServerConfig().build()).port(0).tokenLifetime(tokenLifetime)
                        // the VTN's webhook notifier trusts the test CA, which issued the receivers' certificates
                        .notifiers(notifiers).build()).build());
    }

    String baseUri() {
        return server.oadr3().orElseThrow().baseUri();
    }

    /**
     * A client config for a new 3.1 client of {@code role} (BL or VEN), trusting the test CA only, without a client
     * certificate (the 3.1 listener requires none unless {@code mutualTls: true}).
     */
    Oadr3ClientConfig.Builder client(String clientId, String role) {
        return Oadr3ClientConfig.builder().baseUrl(baseUri()).clientId(clientId).clientSecret(createClient(clientId, role))
                .trustAnchorFile(pki.pki().caFile());
    }

    String createClient(String clientId, String role) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.adminBaseUri().orElseThrow() + "/oadr3/clients"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + clientId + "\",\"role\":\"" + role
                            + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new AssertionError("admin API answered " + r.statusCode() + " " + r.body());
            }
            return new ObjectMapper().readTree(r.body()).get("clientSecret").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
