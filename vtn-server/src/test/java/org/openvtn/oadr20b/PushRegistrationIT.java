package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvtn.oadr20b.push.PushConfig;
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;

/**
 * Issue #14 item 4 (2.0b push registration): at oadrCreatePartyRegistration with oadrHttpPullModel=false the
 * oadrTransportAddress must be present and an absolute https URL (else 454 invalid data), and its host allowed by
 * the push host rule {@code push.allowedHosts} (else 451 not allowed); a refused registration stores nothing and the
 * VTN keeps serving. Real VTN over mutual TLS, Derby, schema-validated exchanges.
 */
class PushRegistrationIT {

    /** Missing, relative, non-https and malformed transport addresses: 454, nothing stored. */
    @Test
    void unusableTransportAddressIsRefused454() {
        try (OadrHarness vtn = OadrHarness.with(null,
                b -> b.push(PushConfig.builder().allowAnyHost(true).build()))) {
            for (String address : new String[] {null, " ", "ven.example/push", "http://127.0.0.1:9443/ven",
                    "https:///nohost", "https://127.0.0.1:9443/ven?x=1", "ht tps://bad"}) {
                ScriptedVen ven = vtn.newVen();
                OadrCreatedPartyRegistrationType r = register(ven, address);
                assertEquals("454", r.getEiResponse().getResponseCode(), "address " + address);
                assertTrue(r.getEiResponse().getResponseDescription().contains("oadrTransportAddress"),
                        r.getEiResponse().getResponseDescription());
                assertTrue(vtn.server.core().registrations().query(ven.fingerprint()).isEmpty(),
                        "nothing stored for " + address);
            }
            ScriptedVen ok = vtn.newVen();
            assertEquals("200", register(ok, "https://127.0.0.1:9443/ven").getEiResponse().getResponseCode(),
                    "the VTN still serves, and a usable address is accepted");
        }
    }

    /** The production host rule (public hosts only): a loopback or private address is refused 451, nothing stored. */
    @Test
    void hostRefusedByThePushHostRuleIs451() {
        try (OadrHarness vtn = OadrHarness.with(null,
                b -> b.push(PushConfig.builder().allowedHosts(List.of("10.1.2.0/24")).build()))) {
            for (String address : new String[] {"https://127.0.0.1:9443/ven", "https://192.168.1.20/ven",
                    "https://localhost:8443/"}) {
                ScriptedVen ven = vtn.newVen();
                OadrCreatedPartyRegistrationType r = register(ven, address);
                assertEquals("451", r.getEiResponse().getResponseCode(), "address " + address);
                assertTrue(vtn.server.core().registrations().query(ven.fingerprint()).isEmpty(),
                        "nothing stored for " + address);
            }
            assertEquals("200", register(vtn.newVen(), "https://10.1.2.7:8443/ven").getEiResponse()
                    .getResponseCode(), "an allowed private block is accepted");
            assertEquals("200", register(vtn.newVen(), "https://ven.example.com/oadr").getEiResponse()
                    .getResponseCode(), "a public host name is accepted");
        }
    }

    /** A pull registration is not judged by its (ignored) transport address: behaviour unchanged. */
    @Test
    void pullRegistrationIgnoresTransportAddress() {
        try (OadrHarness vtn = OadrHarness.with(null, b -> b)) {
            ScriptedVen ven = vtn.newVen();
            OadrCreatePartyRegistrationType req = ven.registrationRequest(null, null);
            req.setOadrHttpPullModel(true);
            req.setOadrTransportAddress("not a url");
            OadrCreatedPartyRegistrationType r = ven.send("EiRegisterParty", req,
                    OadrCreatedPartyRegistrationType.class);
            assertEquals("200", r.getEiResponse().getResponseCode());
        }
    }

    private static OadrCreatedPartyRegistrationType register(ScriptedVen ven, String address) {
        OadrCreatePartyRegistrationType req = ven.registrationRequest(null, null);
        req.setOadrHttpPullModel(false);
        req.setOadrTransportAddress(address);
        return ven.send("EiRegisterParty", req, OadrCreatedPartyRegistrationType.class);
    }
}
