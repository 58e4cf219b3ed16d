package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.sep.http.SepServer;
import org.openvtn.store.Database;
import org.openvtn.store.DatabaseConfig;
import org.openvtn.store.Jdbc;
import org.openvtn.testing.NodeKillSupport;

/**
 * Issue #19, IEEE 2030.5 Subscription/Notification (IEEE 2030.5-2018 §5.6, CSIP CORE-018/019) of the set of programs
 * across a producer takeover: node B is a 2030.5 server; another node holds the producer duties (the lease row of
 * migration V26, taken here as a dead node leaves it) while a program is created, and dies before it notices. B only
 * follows meanwhile; when the dead node's lease lapses B takes over from the program set the holder committed in the
 * cursor (V50) and notifies the FunctionSetAssignmentsList subscription of the new program. Without the set in the
 * cursor B would start from the programs it saw while following and notify nothing.
 */
class SepProgramTakeoverPgIT {
    /** Producer lease of node B: short, so the dead holder's lapses within seconds. */
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final int BOUND_SECONDS = 90;

    @Test
    void aProgramCreatedWhileTheHolderDiesIsNotifiedByTheNodeTakingOver() throws Exception {
        DatabaseConfig db = org.openvtn.store.PostgresServer.require().database("sepprogtakeover");
        Credential cred = SepFixture.PKI.device();
        try (VtnCore coreB = VtnCore.open(CoreConfig.builder().database(db).build());
             NotificationListener listener = new NotificationListener(cred)) {
            SepServer nodeB = SepNodeServer.start(coreB, SepFixture.PKI.dir(), LEASE);
            try (SepFixture.Client viaB = SepFixture.client(SepFixture.PKI, cred, nodeB.port())) {
                String edev = SepServerIT.register(viaB, cred);
                SepFixture.Reply s = viaB.post(edev + "/sub",
                        SepSubscriptionIT.subscription(edev + "/fsa", listener.uri(), 10));
                assertEquals(201, s.status(), s.text());
                Database database = coreB.store().database();
                NodeKillSupport.await(BOUND_SECONDS, () -> producerSetRecorded(database),
                        () -> "node B never recorded the producer cursor");
                int before = listener.posts();

                // the holder dies: another node's lease on the producer duties, over B's committed cursor
                Instant lapse = Instant.now().plus(LEASE);
                database.inTransaction(c -> Jdbc.update(c, "UPDATE sep_notify_producer SET holder = 'dead-node',"
                        + " lease_until = ? WHERE name = 'producer'", ps -> Jdbc.setInstant(ps, 1, lapse)));
                coreB.programs().create("created-before-the-death", "http://market.example/takeover");

                NodeKillSupport.await(BOUND_SECONDS, () -> listener.posts() > before,
                        () -> "no Notification of the new program after the takeover");
                for (int i = 0; i < before; i++) {
                    listener.next(); // what the subscription received before the death
                }
                assertEquals(edev + "/fsa", listener.next().notification().getSubscribedResource());
            } finally {
                nodeB.close();
            }
        }
    }

    private static boolean producerSetRecorded(Database db) {
        return db.inTransaction(c -> Jdbc.one(c, "SELECT holder FROM sep_notify_producer WHERE name = 'producer'"
                + " AND program_ids IS NOT NULL", ps -> { }, rs -> rs.getString(1))).isPresent();
    }
}
