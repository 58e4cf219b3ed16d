package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.pki.PkiGenerator;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.oadr20b.push.PushConfig;
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;
import org.openvtn.store.Database;
import org.openvtn.store.DatabaseConfig;
import org.openvtn.store.PostgresServer;

/**
 * Issue #19, change propagation between nodes (LISTEN/NOTIFY): on one real PostgreSQL database, node A (a core
 * with its own pool) creates an event for a push VEN registered through node B; B pushes it at once on A's
 * notification, long before its periodic sweep (here every 5 minutes: the lease is 10). After B's listening
 * connection is terminated by the server, B reconnects and the next change reaches it the same way.
 */
class PushChangesPgIT {
    private static final Duration LEASE = Duration.ofMinutes(10);
    /** Far below the sweep interval (lease / 2 = 5 min), generous for a loaded machine. */
    private static final long BOUND_SECONDS = 60;

    @Test
    void eventCreatedOnNodeAIsPushedByNodeBWithoutWaitingForTheSweep(@TempDir Path dir) throws Exception {
        DatabaseConfig db = PostgresServer.require().database("changes");
        TestPki pki = TestPki.create(dir.resolve("pki"));
        char[] password = PkiGenerator.DEFAULT_PASSWORD.toCharArray();
        try (VtnServer nodeB = VtnServer.start(VtnConfig.builder().inMemory(null).database(db)
                .oadrHost("127.0.0.1").oadrPort(0)
                .tls(TlsConfig.builder().profile(TlsProfile.OPENADR_20B).keyStore(pki.dir().resolve("vtn/vtn.p12"),
                        password).trustAnchorFile(pki.dir().resolve(PkiGenerator.CA_FILE)).build())
                .push(PushConfig.builder().allowAnyHost(true).initialBackoff(Duration.ofMillis(50))
                        .maxBackoff(Duration.ofMillis(200)).lease(LEASE).build())
                .build());
             VtnCore nodeA = VtnCore.open(CoreConfig.builder().database(db).build());
             PushVen ven = new PushVen(pki, credential(pki), OadrHarness.codec(), PushVen.Serves.SPEC)) {
            register(pki, nodeB.port(), ven);
            ven.await(OadrRegisterReportType.class);
            ven.await(OadrDistributeEventType.class);
            String program = nodeA.programs().create("changes", "http://changes.example").id();

            Event first = event(nodeA, program, ven.venId, 1);
            assertEquals(first.id(), pushedEvent(ven), "pushed by B on A's notification");

            Database shared = nodeB.core().store().database();
            long connects = shared.changeListenerConnects();
            try (Database admin = Database.open(db)) {
                admin.inTransaction(c -> {
                    try (var st = c.createStatement()) {
                        st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
                                + "'openvtn-changes'");
                    }
                    return null;
                });
            }
            PushIT.await(() -> shared.changeListenerConnects() > connects, "B's change listener reconnected");
            Event second = event(nodeA, program, ven.venId, 2);
            assertEquals(second.id(), pushedEvent(ven), "pushed by B after its listener reconnected");
        }
    }

    /** The event ID of the next push listing an event (the newest one), within {@link #BOUND_SECONDS}. */
    private static String pushedEvent(PushVen ven) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (true) {
            PushVen.Received r = ven.received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("no event pushed within " + BOUND_SECONDS + " s (the sweep runs every "
                        + LEASE.dividedBy(2) + ")");
            }
            if (r.message() instanceof OadrDistributeEventType d && !d.getOadrEvent().isEmpty()) {
                return d.getOadrEvent().get(d.getOadrEvent().size() - 1).getEiEvent().getEventDescriptor()
                        .getEventID();
            }
        }
    }

    private static Event event(VtnCore node, String program, String venId, int hours) {
        return node.events().create(EventSpec.builder().programId(program)
                .start(Instant.now().plus(Duration.ofHours(hours))).targets(Targets.vens(venId))
                .responseRequired(ResponseRequired.ALWAYS)
                .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofMinutes(30), 1.0))).build());
    }

    private static Credential credential(TestPki pki) {
        KeyPair k = new KeyPairs().ecP256();
        return pki.pki().authority("oadr-intermediate").issue("changes-ven",
                CertificateProfiles.oadrClient("changes-ven", k.getPublic(), Instant.now()).build(), k.getPrivate());
    }

    /** Registers the listener's VEN as a push VEN through the node listening on {@code oadrPort}. */
    static void register(TestPki pki, int oadrPort, PushVen listener) {
        ScriptedVen ven = new ScriptedVen("https://127.0.0.1:" + oadrPort + "/OpenADR2/Simple/2.0b/",
                TlsFactory.of(pki.oadrClientConfig(listener.credential).build()).clientSslContext(),
                OadrHarness.codec(), listener.credential);
        OadrCreatePartyRegistrationType req = ven.registrationRequest(null, null);
        req.setOadrHttpPullModel(false);
        req.setOadrTransportAddress(listener.transportAddress());
        OadrCreatedPartyRegistrationType r = ven.send("EiRegisterParty", req, OadrCreatedPartyRegistrationType.class);
        assertEquals("200", r.getEiResponse().getResponseCode(), r.getEiResponse().getResponseDescription());
        listener.venId = r.getVenID();
    }
}
