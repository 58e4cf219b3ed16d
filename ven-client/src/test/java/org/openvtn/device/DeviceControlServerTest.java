package org.openvtn.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;

/**
 * The device automation interface (conformance-tests/README.md "The device automation interface"; issue #16): bearer
 * token enforced, state and effective control readable, a failed walk reported as 502, bad requests 400/404.
 */
class DeviceControlServerTest {
    private static final TestPki PKI = TestPki.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void answersWithTokenOnly() throws Exception {
        // a device whose server does not exist: nothing listens on port 1
        try (SepDeviceClient device = SepDeviceClient.builder().server("https://127.0.0.1:1/dcap")
                .tlsConfig(PKI.sepClientConfig(PKI.device()).build()).build();
             DeviceControlServer control = DeviceControlServer.start(device, "127.0.0.1", 0, "t0ken")) {
            String base = "http://127.0.0.1:" + control.port();
            assertEquals(401, send(base, "GET", "/state", null).statusCode());
            assertEquals(401, send(base, "GET", "/state", "wrong").statusCode());
            HttpResponse<String> state = send(base, "GET", "/state", "t0ken");
            assertEquals(200, state.statusCode());
            assertTrue(state.body().contains("\"lfdi\":\"" + device.lfdi() + "\""), state.body());
            assertTrue(state.body().contains("\"effective\":{}"), state.body());
            assertEquals("{}", send(base, "GET", "/effective", "t0ken").body());
            HttpResponse<String> refresh = send(base, "POST", "/refresh", "t0ken");
            assertEquals(502, refresh.statusCode(), refresh.body());
            assertTrue(refresh.body().contains("\"httpStatus\":0"), refresh.body());
            assertEquals(400, send(base, "POST", "/opt-out", "t0ken").statusCode());
            // a device built without device data has nothing to report: a client mistake, one line, 400
            var noData = send(base, "POST", "/device-data", "t0ken");
            assertEquals(400, noData.statusCode(), noData.body());
            assertTrue(noData.body().contains("without device data"), noData.body());
            assertEquals(404, send(base, "DELETE", "/state", "t0ken").statusCode());
        }
    }

    /**
     * CSIP ERR-002 / CSIP-AUS ALL-30 (docs/device-client.md): {@code POST /restart} closes the running device and
     * drives the one the restarter returns; an interface without a restarter answers 404.
     */
    @Test
    void restartReplacesTheDevice() throws Exception {
        var builder = SepDeviceClient.builder().server("https://127.0.0.1:1/dcap")
                .tlsConfig(PKI.sepClientConfig(PKI.device()).build());
        SepDeviceClient first = builder.build();
        java.util.List<SepDeviceClient> closed = new java.util.ArrayList<>();
        try (DeviceControlServer control = DeviceControlServer.start(first, running -> {
            running.close();
            closed.add(running);
            return builder.build();
        }, "127.0.0.1", 0, null); DeviceControlServer plain = DeviceControlServer.start(first, "127.0.0.1", 0, null)) {
            HttpResponse<String> r = send("http://127.0.0.1:" + control.port(), "POST", "/restart", null);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(java.util.List.of(first), closed);
            assertTrue(control.device() != first, "the interface drives the restarted device");
            assertEquals(first.lfdi(), control.device().lfdi());
            assertEquals(404, send("http://127.0.0.1:" + plain.port(), "POST", "/restart", null).statusCode());
            control.device().close();
        }
    }

    @Test
    void badPortIsRefused() throws Exception {
        try (SepDeviceClient device = SepDeviceClient.builder().server("https://127.0.0.1:1/dcap")
                .tlsConfig(PKI.sepClientConfig(PKI.device()).build()).build()) {
            assertThrows(IllegalArgumentException.class, () -> DeviceControlServer.start(device, "127.0.0.1", 70000, null));
        }
    }

    private static HttpResponse<String> send(String base, String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
