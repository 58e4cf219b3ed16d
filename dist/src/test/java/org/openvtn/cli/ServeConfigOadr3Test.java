package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.PkiGenerator;
import org.openvtn.server.VtnConfig;

/** The {@code oadr3} section of the production configuration file (issue #20): listener, authorization, notifiers. */
class ServeConfigOadr3Test extends ServeConfigFixture {

    /** Issue #20: the oadr3 section adds the OpenADR 3.1 listener with the oadr listener's certificate. */
    @Test
    void oadr3SectionIsRead() throws Exception {
        assertNull(ServeConfigFile.load(write("no3.yaml", GOOD)).vtn().oadr3(), "no oadr3 section, no 3.1 listener");
        VtnConfig c = ServeConfigFile.load(write("oadr3.yaml", GOOD + """
                oadr3:
                  port: 9445
                  mutualTls: true
                  tokenLifetime: PT10M
                """)).vtn();
        assertEquals(9445, c.oadr3().port());
        assertTrue(c.oadr3().mutualTls());
        assertEquals(Duration.ofMinutes(10), c.oadr3().tokenLifetime());
        assertEquals(c.tls(), c.oadr3().tls());
        ServeConfigFile.ConfigException bad = org.junit.jupiter.api.Assertions.assertThrows(
                ServeConfigFile.ConfigException.class,
                () -> ServeConfigFile.load(write("bad3.yaml", GOOD + "oadr3:\n  basePath: no-slash\n")));
        assertTrue(bad.getMessage().contains("oadr3.basePath"), bad.getMessage());
    }

    /**
     * Issue #20: oadr3.auth mode external validates tokens of an external authorization server; a missing issuer or a
     * non-https jwksUrl names its key; mode builtin (or no auth) keeps the built-in token endpoint.
     */
    @Test
    void oadr3ExternalAuthIsRead() throws Exception {
        VtnConfig c = ServeConfigFile.load(write("idp.yaml", GOOD + """
                oadr3:
                  auth:
                    mode: external
                    issuer: https://idp.example/realms/dr
                    audience: openvtn
                    jwksUrl: https://idp.example/realms/dr/certs
                    tokenUrl: https://idp.example/realms/dr/token
                    roleClaim: roles
                    clientIdClaim: azp
                    trustAnchors: pki/ca.crt
                    clockSkew: PT30S
                """)).vtn();
        var a = c.oadr3().externalAuth();
        assertEquals("https://idp.example/realms/dr", a.issuer());
        assertEquals("roles", a.roleClaim());
        assertEquals("azp", a.clientIdClaim());
        assertEquals("BL", a.blRole());
        assertEquals(Duration.ofSeconds(30), a.clockSkew());
        assertTrue(!a.trustAnchors().isEmpty());
        assertNull(ServeConfigFile.load(write("builtin.yaml", GOOD + "oadr3:\n  auth:\n    mode: builtin\n")).vtn()
                .oadr3().externalAuth());
        ServeConfigFile.ConfigException noIssuer = org.junit.jupiter.api.Assertions.assertThrows(
                ServeConfigFile.ConfigException.class, () -> ServeConfigFile.load(write("idp-bad.yaml", GOOD + """
                        oadr3:
                          auth: {mode: external, audience: a, jwksUrl: "https://x/j", tokenUrl: "https://x/t"}
                        """)));
        assertTrue(noIssuer.getMessage().contains("oadr3.auth.issuer"), noIssuer.getMessage());
        ServeConfigFile.ConfigException http = org.junit.jupiter.api.Assertions.assertThrows(
                ServeConfigFile.ConfigException.class, () -> ServeConfigFile.load(write("idp-http.yaml", GOOD + """
                        oadr3:
                          auth: {mode: external, issuer: i, audience: a, jwksUrl: "http://x/j", tokenUrl: "https://x/t"}
                        """)));
        assertTrue(http.getMessage().contains("oadr3.auth.jwksUrl"), http.getMessage());
    }

    /** Issue #20: oadr3.webhooks and oadr3.mqtt configure the 3.1 notifiers; a bad MQTT URL names its key. */
    @Test
    void oadr3NotifiersAreRead() throws Exception {
        VtnConfig c = ServeConfigFile.load(write("notifiers.yaml", GOOD + """
                oadr3:
                  webhooks:
                    timeout: PT20S
                    maxAttempts: 3
                  mqtt:
                    url: tcp://127.0.0.1:1883
                    advertisedUris: [mqtts://broker.example:8883]
                    topicPrefix: openadr/
                """)).vtn();
        var n = c.oadr3().notifiers();
        assertTrue(!n.allowPrivateCallbacks(), "private callback addresses are refused by default");
        assertNull(n.mqtt().keyStore());
        for (String[] f : new String[][] {{"mqtt.pass", "broker-secret"}, {"mqtt-key.pass",
                PkiGenerator.DEFAULT_PASSWORD}}) { // secrets: owner-only files, or the YAML is refused
            Path secret = write(f[0], f[1] + "\n");
            Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        var tls = ServeConfigFile.load(write("mqtttls.yaml", GOOD + """
                oadr3:
                  webhooks: {allowPrivateAddresses: true}
                  mqtt:
                    url: ssl://127.0.0.1:8883
                    username: openvtn
                    passwordFile: mqtt.pass
                    keyStore: pki/vtn/vtn.p12
                    keyStorePasswordFile: mqtt-key.pass
                """)).vtn().oadr3().notifiers();
        assertTrue(tls.allowPrivateCallbacks());
        assertEquals("openvtn", tls.mqtt().username());
        assertTrue(tls.mqtt().keyStore().aliases().hasMoreElements(), "the VTN's client key for the broker");
        assertEquals("broker-secret", tls.mqtt().password());
        assertTrue(!tls.mqtt().toString().contains("broker-secret"), "no secret in toString");
        assertEquals(Duration.ofSeconds(20), n.timeout());
        assertEquals(3, n.maxAttempts());
        assertEquals("tcp://127.0.0.1:1883", n.mqtt().url());
        assertEquals(java.util.List.of("mqtts://broker.example:8883"), n.mqtt().advertisedUris());
        assertEquals("openadr/", n.mqtt().topicPrefix());
        assertNull(ServeConfigFile.load(write("nomqtt.yaml", GOOD + "oadr3:\n  port: 9446\n")).vtn().oadr3().notifiers().mqtt());
        ServeConfigFile.ConfigException bad = org.junit.jupiter.api.Assertions.assertThrows(
                ServeConfigFile.ConfigException.class,
                () -> ServeConfigFile.load(write("badmqtt.yaml", GOOD + "oadr3:\n  mqtt:\n    url: http://x\n")));
        assertTrue(bad.getMessage().contains("oadr3.mqtt.url"), bad.getMessage());
    }
}
