package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.http.SepServer;
import org.openvtn.store.DatabaseConfig;
import org.openvtn.store.PostgresServer;

/**
 * Issue #17, per-certificate access revocation across nodes (IEEE 2030.5-2018 §6.11 access control; docs/ieee-2030.5.md
 * "Admin API"): two 2030.5 listeners, each on its own core, over one PostgreSQL database. A device served by node B is
 * revoked through node A's participants (what {@code POST /api/v1/participants/{id}/revoke} on A does); its very next
 * request to B, and to A, is refused with 403. Re-approved, it is served again by both.
 */
class SepRevocationTwoNodesPgIT {

    @Test
    void revocationOnOneNodeRefusesAtOnceOnTheOther() throws Exception {
        DatabaseConfig db = PostgresServer.require().database("sep_revoke");
        Credential cred = SepFixture.PKI.device();
        ParticipantId id = ParticipantId.sep(SepIdentity.lfdi(cred.certificate()));
        try (VtnCore a = VtnCore.open(CoreConfig.builder().database(db).build());
             VtnCore b = VtnCore.open(CoreConfig.builder().database(db).build());
             SepServer nodeA = SepServer.start(listener(), a);
             SepServer nodeB = SepServer.start(listener(), b);
             SepFixture.Client onA = SepFixture.client(SepFixture.PKI, cred, nodeA.port());
             SepFixture.Client onB = SepFixture.client(SepFixture.PKI, cred, nodeB.port())) {
            String edev = SepServerIT.register(onB, cred);
            assertEquals(200, onB.get(edev).status());
            assertEquals(200, onA.get(edev).status(), "one EndDevice for both nodes");

            a.participants().revoke(id);
            assertEquals(403, onB.get(edev).status(), "node B refuses the certificate revoked on node A");
            assertEquals(403, onB.get("/dcap").status());
            assertEquals(403, onA.get(edev).status());

            b.participants().approve(id);
            assertEquals(200, onA.get(edev).status(), "re-approved on node B, served by node A");
        }
    }

    private static SepConfig listener() {
        return SepConfig.builder().tls(SepFixture.PKI.sepServerConfig().build()).codec(SepFixture.CODEC)
                .host("127.0.0.1").port(0).build();
    }
}
