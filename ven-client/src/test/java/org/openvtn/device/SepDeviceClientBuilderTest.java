package org.openvtn.device;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;

/** Configuration is validated in build() and the message names the bad field (house rule; issue #16 item 1). */
class SepDeviceClientBuilderTest {
    private static final TestPki PKI = TestPki.shared();

    private static SepDeviceClientBuilder valid() {
        return SepDeviceClient.builder().server("https://127.0.0.1:8444/dcap")
                .tlsConfig(PKI.sepClientConfig(PKI.device()).build());
    }

    private static void refused(String field, UnaryOperator<SepDeviceClientBuilder> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> change.apply(valid()).build());
        assertTrue(e.getMessage().contains(field), "expected '" + field + "' in: " + e.getMessage());
    }

    @Test
    void badFieldsAreNamed() {
        refused("server is required", b -> b.server(null));
        refused("server must be https", b -> b.server("http://127.0.0.1:8444/dcap"));
        refused("server must be https", b -> b.server("https://127.0.0.1:8444"));
        refused("pin", b -> b.pin(123456));
        refused("connectionPointId", b -> b.connectionPointId("N".repeat(33)));
        refused("connectionPointId", b -> b.connectionPointId(" "));
        refused("pin", b -> b.pin(12_345_678L));
        refused("notificationListener port", b -> b.notificationListener("127.0.0.1", 70000));
        refused("notificationUrl needs a notificationListener", b -> b.notificationUrl("https://d.example/n"));
        refused("notificationUrl must be https", b -> b.notificationListener("127.0.0.1", 0)
                .notificationUrl("http://d.example/n"));
        refused("readTimeout", b -> b.readTimeout(Duration.ZERO));
        refused("listPageSize", b -> b.listPageSize(0));
        refused("maxMessageBytes", b -> b.maxMessageBytes(10));
        refused("tlsConfig must use profile IEEE_2030_5",
                b -> b.tlsConfig(PKI.oadrClientConfig(PKI.venEcc()).build()));
        refused("key material is required", b -> SepDeviceClient.builder().server("https://h/dcap")
                .trustAnchorFile(PKI.pki().sercaFile()));
        refused("trustAnchors are required", b -> SepDeviceClient.builder().server("https://h/dcap")
                .keyStore(PKI.device().toKeyStore("pw".toCharArray()), "pw".toCharArray()));
    }
}
