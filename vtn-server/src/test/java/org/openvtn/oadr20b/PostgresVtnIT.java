package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Targets;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.store.DatabaseConfig;
import org.openvtn.store.PostgresServer;

/**
 * {@code VtnServer} with its state in PostgreSQL (issue #19), over real mutual TLS: a VEN registers
 * (OpenADR 2.0b profile 8.4 EiRegisterParty) and polls (8.7 OadrPoll); an event created for it survives a restart of
 * the server object and reaches the VEN on its first poll after the restart (registration, event and poll queue all
 * read back from PostgreSQL).
 */
class PostgresVtnIT {

    /** Registration, poll and a pending distribution survive a restart of the server on the same database. */
    @Test
    void registrationAndEventSurviveARestart() {
        DatabaseConfig db = PostgresServer.require().database("vtnit");
        OadrHarness vtn = OadrHarness.onPostgres(db);
        Event event;
        ScriptedVen ven;
        try {
            assertEquals(DatabaseConfig.Kind.POSTGRESQL, db.kind());
            String programId = vtn.server.core().programs().create("pg-it", "http://market.example/pg").id();
            ven = vtn.newVen();
            ven.register();
            assertInstanceOf(OadrDistributeEventType.class, ven.poll()); // the registration's (empty) distribution
            assertInstanceOf(OadrResponseType.class, ven.poll()); // nothing more queued
            // issue #19: through the listener an idle poll reads enrolment, registration and queue in one statement
            // (background work of the node may add transactions to one poll's count, never remove them)
            org.openvtn.store.Database database = vtn.server.core().store().database();
            long fewest = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long before = database.transactions();
                assertInstanceOf(OadrResponseType.class, ven.poll());
                fewest = Math.min(fewest, database.transactions() - before);
            }
            assertEquals(1, fewest, "round trips of an idle oadrPoll on PostgreSQL");
            event = vtn.server.core().events().create(EventSpec.builder().programId(programId)
                    .start(vtn.clock.instant().plus(Duration.ofHours(2))).targets(Targets.vens(ven.venId))
                    .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofMinutes(30), 1.0))).build());
        } finally {
            vtn.stop();
        }

        vtn.start(); // a new server object on the same PostgreSQL database
        try {
            ScriptedVen again = vtn.ven(ven.credential); // same certificate, new port
            again.venId = ven.venId;
            OadrDistributeEventType d = assertInstanceOf(OadrDistributeEventType.class, again.poll());
            assertTrue(d.getOadrEvent().stream().anyMatch(x -> x.getEiEvent().getEventDescriptor().getEventID()
                    .equals(event.id())), "the event created before the restart is distributed after it");
            assertTrue(vtn.server.core().store().registrations().findByVenId(ven.venId).isPresent());
            // readiness (GET /health/ready) and the pool metrics read the PostgreSQL pool, not Derby's one connection
            assertEquals(null, vtn.server.core().store().database().ping(Duration.ofSeconds(5)));
            assertTrue(vtn.server.core().store().database().dataSource().isPresent(), "the HikariCP pool");
        } finally {
            vtn.close();
        }
    }
}
