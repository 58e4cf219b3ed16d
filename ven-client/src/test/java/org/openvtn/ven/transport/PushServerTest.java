package org.openvtn.ven.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The push listener's service URLs (OpenADR 2.0b §9.1.2 Service Endpoint URIs, issue #14): both conventions found in
 * the field, below the advertised root path, and nothing else.
 */
class PushServerTest {

    @Test
    void bothServiceUrlFormsBelowTheRoot() {
        assertEquals("EiEvent", PushServer.service("", "/OpenADR2/Simple/2.0b/EiEvent"));
        assertEquals("EiEvent", PushServer.service("", "/EiEvent"));
        assertEquals("EiReport", PushServer.service("/ven7", "/ven7/OpenADR2/Simple/2.0b/EiReport"));
        assertEquals("EiRegisterParty", PushServer.service("/ven7", "/ven7/EiRegisterParty?x=1"));
    }

    @Test
    void otherPathsAreNotServices() {
        assertNull(PushServer.service("", "/"));
        assertNull(PushServer.service("", "/OpenADR2/Simple/2.0b/OadrPoll"));
        assertNull(PushServer.service("", "/OpenADR2/Simple/2.0b/"));
        assertNull(PushServer.service("", "/other/EiEvent"));
        assertNull(PushServer.service("/ven7", "/EiEvent"));
        assertNull(PushServer.service("/ven7", "/ven77/EiEvent"));
        assertNull(PushServer.service("", "/OpenADR2/Simple/2.0a/EiEvent"));
    }
}
