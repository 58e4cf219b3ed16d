package org.openvtn.oadr20b.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Service-URL rule of the push exchange model (OpenADR 2.0b 9.1.2; issue #14) and the push settings. */
class PushUrlsTest {

    /** 2.0b 9.1.2: the transport address is the root; the spec path and the service name are appended. */
    @Test
    void specFormAppendsTheSimpleHttpPath() {
        assertEquals("https://ven.example:8443/OpenADR2/Simple/2.0b/EiEvent",
                PushUrls.serviceUri("https://ven.example:8443", PushUrls.Form.SPEC, "EiEvent").toString());
        assertEquals("https://ven.example/site/OpenADR2/Simple/2.0b/EiReport",
                PushUrls.serviceUri("https://ven.example/site/", PushUrls.Form.SPEC, "EiReport").toString());
        // an address that already names the spec path is not doubled
        assertEquals("https://ven.example/OpenADR2/Simple/2.0b/EiEvent",
                PushUrls.serviceUri("https://ven.example/OpenADR2/Simple/2.0b/", PushUrls.Form.SPEC, "EiEvent")
                        .toString());
    }

    /** The other convention: {@code <address>/<service>}. */
    @Test
    void shortFormAppendsOnlyTheService() {
        assertEquals("https://ven.example:8443/oadr/EiEvent",
                PushUrls.serviceUri("https://ven.example:8443/oadr", PushUrls.Form.SHORT, "EiEvent").toString());
        assertEquals(PushUrls.Form.SHORT, PushUrls.Form.SPEC.other());
        assertEquals(PushUrls.Form.SHORT, PushUrls.Form.parse(" Short "));
    }

    /** Only https URLs with a host, no user info, query or fragment. */
    @Test
    void badAddressesAreRefusedNamingTheField() {
        for (String bad : List.of("", "http://ven.example", "https:///x", "https://u:p@ven.example",
                "https://ven.example/?a=b", "ven.example:8443")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PushUrls.serviceUri(bad, PushUrls.Form.SPEC, "EiEvent"), bad);
            assertTrue(e.getMessage().startsWith("oadrTransportAddress:"), e.getMessage());
        }
    }

    /** Which endpoint each pushed message goes to (2.0b 9.1: one endpoint per EI service). */
    @Test
    void serviceOfEachPushedKind() {
        assertEquals("EiEvent", PushUrls.serviceOf("EVENTS_CHANGED"));
        assertEquals("EiReport", PushUrls.serviceOf("REPORT_REQUESTED"));
        assertEquals("EiReport", PushUrls.serviceOf("REPORT_CANCELLED"));
        assertEquals("EiReport", PushUrls.serviceOf("VTN_METADATA"));
        assertEquals("EiRegisterParty", PushUrls.serviceOf("REGISTRATION_CANCELLED"));
        assertEquals("EiRegisterParty", PushUrls.serviceOf("REREGISTRATION_REQUESTED"));
    }

    /** Issue #14 config: secure defaults (spec rule, public hosts only) and build() naming the bad field. */
    @Test
    void configDefaultsAndValidation() {
        PushConfig d = PushConfig.DEFAULT;
        assertEquals(PushUrls.Form.SPEC, d.urlForm());
        assertEquals(false, d.allowAnyHost());
        assertTrue(d.targets().refusal("127.0.0.1") != null, "loopback refused by default");
        assertEquals(null, PushConfig.builder().allowAnyHost(true).build().targets().refusal("127.0.0.1"));
        assertEquals(null, PushConfig.builder().allowedHosts(List.of("10.0.0.0/8")).build().targets()
                .refusal("10.1.2.3"));
        String[][] bad = {
                {"push.concurrency", "c"}, {"push.maxAttempts", "m"}, {"push.maxBackoff", "b"},
                {"push.requestTimeout", "t"}, {"push.allowedHosts", "h"}, {"push.urlForm", "u"}};
        for (String[] b : bad) {
            PushConfig.Builder builder = PushConfig.builder();
            switch (b[1]) {
                case "c" -> builder.concurrency(0);
                case "m" -> builder.maxAttempts(0);
                case "b" -> builder.initialBackoff(Duration.ofSeconds(10)).maxBackoff(Duration.ofSeconds(1));
                case "t" -> builder.requestTimeout(Duration.ZERO);
                case "h" -> builder.allowedHosts(List.of("not a host"));
                default -> builder.urlForm(null);
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build, b[0]);
            assertTrue(e.getMessage().startsWith(b[0] + ":"), e.getMessage());
        }
    }
}
