package org.openvtn.ven;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;

/** Push settings are validated in {@code build()} and the message names the bad field (issue #14, STYLE.md). */
class PushBuilderTest {

    private static VenClientBuilder base() {
        TestPki pki = TestPki.shared();
        return VenClient.builder().vtnUrl("https://127.0.0.1:1").venName("push-config")
                .tlsConfig(pki.oadrClientConfig(pki.venEcc()).build()).registrationStore(RegistrationStore.inMemory());
    }

    private static void refused(VenClientBuilder b, String field) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }

    @Test
    void badPushSettingsNameTheField() {
        refused(base().pushListener("127.0.0.1", 70000), "pushListener port");
        refused(base().pushListener("127.0.0.1", -2), "pushListener port");
        refused(base().pushListener(" ", 0), "pushListener host");
        refused(base().pushUrl("https://ven.example:8444"), "pushUrl needs pushListener");
        refused(base().pushListener("127.0.0.1", 0).pushUrl("http://ven.example:8444"), "pushUrl must be https");
        refused(base().pushListener("127.0.0.1", 0).pushUrl("https://ven.example/x?y=1"), "pushUrl must be https");
        refused(base().pushListener("0.0.0.0", 0), "pushUrl is required");
    }
}
