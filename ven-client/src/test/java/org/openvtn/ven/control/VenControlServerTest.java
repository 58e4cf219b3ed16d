package org.openvtn.ven.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.ven.RegistrationStore;
import org.openvtn.ven.VenClient;

/**
 * The VEN automation interface (issue #15, conformance-tests/README.md "The VEN automation interface"): bearer token
 * required when configured, the VEN's state as JSON, unknown operations 404, bad parameters 400, a refused VEN
 * request 502 with its kind. Over a real loopback socket; the VEN points at a closed port (no VTN needed here).
 */
class VenControlServerTest {

    private static final String TOKEN = "control-token-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void interfaceAnswersAsDocumented() throws Exception {
        TestPki pki = TestPki.shared();
        try (VenClient ven = VenClient.builder().vtnUrl("https://127.0.0.1:1").venName("ven-control")
                .tlsConfig(pki.oadrClientConfig(pki.venEcc()).build())
                .registrationStore(RegistrationStore.inMemory()).build();
             VenControlServer control = VenControlServer.start(ven, "127.0.0.1", 0, TOKEN)) {
            String base = "http://127.0.0.1:" + control.port();
            assertEquals(401, send(base + "/state", "GET", null).statusCode());
            assertEquals(401, send(base + "/state", "GET", "wrong-token").statusCode());
            HttpResponse<String> state = send(base + "/state", "GET", TOKEN);
            assertEquals(200, state.statusCode(), state.body());
            assertTrue(state.body().contains("\"registered\":false") && state.body().contains("\"events\":[]"),
                    state.body());
            assertEquals(404, send(base + "/reboot", "POST", TOKEN).statusCode());
            HttpResponse<String> bad = send(base + "/events/e1/opt?type=maybe", "POST", TOKEN);
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("type: optIn or optOut"), bad.body());
            HttpResponse<String> unknown = send(base + "/events/e1/eiopt?type=optOut", "POST", TOKEN);
            assertEquals(502, unknown.statusCode(), unknown.body());
            assertTrue(unknown.body().contains("\"responseCode\":452"), unknown.body());
        }
    }

    private HttpResponse<String> send(String url, String method, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method,
                HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
