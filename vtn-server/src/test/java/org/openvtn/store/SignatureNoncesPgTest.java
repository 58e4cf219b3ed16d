package org.openvtn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.dsig.OadrSignatureException;
import org.openvtn.schemas.dsig.OadrSignatureVerifier;
import org.openvtn.schemas.dsig.OadrSigner;
import org.openvtn.schemas.oadr20b.OadrPollType;

/**
 * Issue #19, signature replay protection consistent across nodes (OpenADR 2.0b profile, ReplayProtect: a nonce is
 * accepted once within the timestamp window): two verifiers on two pools of one PostgreSQL database (two nodes)
 * share their nonces through migration V13. A signed payload accepted by node A is refused as replayed by node B;
 * the same nonce is accepted again once its window has passed; racing nodes never both accept one nonce.
 */
class SignatureNoncesPgTest {
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void aReplayOnTheOtherNodeIsRefused() throws Exception {
        DatabaseConfig config = PostgresServer.require().database("nonces");
        Instant now = Instant.now();
        KeyPairs keys = new KeyPairs();
        KeyPair caKeys = keys.ecP256();
        CertificateAuthority ca = CertificateAuthority.selfSigned(
                CertificateProfiles.oadrRoot(caKeys.getPublic(), now).build(), caKeys);
        KeyPair venKeys = keys.ecP256();
        Credential ven = ca.issue("ven-nonce", CertificateProfiles.oadrClient("ven-nonce", venKeys.getPublic(), now)
                .build(), venKeys.getPrivate());
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        OadrCodec codec = OadrCodec.create(new PublishedSchemas());
        OadrPollType poll = new OadrPollType();
        poll.setVenID("VEN-1");
        poll.setSchemaVersion("2.0b");
        byte[] signed = OadrSigner.create(ven.key(), ven.chain(), clock).sign(codec.encodePayload(poll));
        try (Database a = Database.open(config); Database b = Database.open(config)) {
            OadrSignatureVerifier nodeA = verifier(a, clock);
            OadrSignatureVerifier nodeB = verifier(b, clock);
            nodeA.verify(signed, ven.certificate());
            OadrSignatureException replay = assertThrows(OadrSignatureException.class,
                    () -> nodeB.verify(signed, ven.certificate()), "node B accepted a payload node A had accepted");
            assertEquals(OadrSignatureException.Reason.REPLAYED, replay.reason(), replay.getMessage());
            assertEquals(OadrSignatureException.Reason.REPLAYED, assertThrows(OadrSignatureException.class,
                    () -> nodeA.verify(signed, ven.certificate())).reason(), "and node A itself");

            // the nonce key store alone: a key is used once until it is forgotten, then may be used again
            JdbcNonceStore sa = JdbcNonceStore.on(a);
            JdbcNonceStore sb = JdbcNonceStore.on(b);
            String key = "0123456789abcdef0123456789abcdef";
            assertEquals(true, sa.firstUse(key, now.plus(WINDOW), now));
            assertEquals(false, sb.firstUse(key, now.plus(WINDOW), now.plusSeconds(1)), "duplicate key: a replay");
            assertEquals(true, sb.firstUse(key, now.plus(WINDOW.multipliedBy(2)), now.plus(WINDOW).plusSeconds(1)),
                    "after its window the key is forgotten");
        }
    }

    private static OadrSignatureVerifier verifier(Database db, Clock clock) {
        return OadrSignatureVerifier.builder().clock(clock).replayWindow(WINDOW)
                .sharedNonces(JdbcNonceStore.on(db)::firstUse).build();
    }
}
