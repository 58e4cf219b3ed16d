package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.store.PostgresServer;

/**
 * Issue #18 (slice K): on Derby the idle oadrPoll (OpenADR 2.0b 8.7, conformance rule 500: nothing to send, answered
 * with oadrResponse) is answered on the thread that read it (the selector's, no hand-off to the pool); a message
 * whose work may block (a registration, a poll with something to deliver) is handed to the pool, and its attempt on
 * the selector changes nothing (the poll counter moves once per poll). On PostgreSQL nothing is answered in place.
 */
class InPlacePollIT {
    private static final String METER = "openvtn.oadr.answers";

    @Test
    void derbyAnswersTheIdlePollInPlaceAndHandsBlockingWorkToThePool() {
        try (OadrHarness vtn = OadrHarness.inMemory()) {
            MeterRegistry meters = vtn.server.meterRegistry();
            ScriptedVen ven = vtn.newVen();
            long polls0 = vtn.server.core().metrics().oadrPolls();
            double inPlace0 = count(meters, "in_place");
            double pool0 = count(meters, "pool");

            ven.register(); // a registration writes: the pool
            assertEquals(inPlace0, count(meters, "in_place"), "answered in place: the registration");
            assertEquals(pool0 + 1, count(meters, "pool"), "handed to the pool: the registration");

            // the registration's distribution is due: its delivery is a transaction, so the selector's attempt is
            // abandoned and the poll answered on the pool
            assertInstanceOf(OadrDistributeEventType.class, ven.poll());
            assertEquals(inPlace0, count(meters, "in_place"), "answered in place: a poll with something due");
            assertEquals(pool0 + 2, count(meters, "pool"), "handed to the pool: a poll with something due");

            // the first idle poll may reload the queue the delivery changed (a read through the database: the pool)
            assertInstanceOf(OadrResponseType.class, ven.poll());
            double inPlace1 = count(meters, "in_place");
            double pool1 = count(meters, "pool");
            assertEquals(inPlace0 + pool0 + 3, inPlace1 + pool1, "every answer is counted on one side");
            for (int i = 0; i < 3; i++) {
                assertInstanceOf(OadrResponseType.class, ven.poll()); // nothing due, caches warm: the idle answer
            }
            assertEquals(inPlace1 + 3, count(meters, "in_place"), "answered in place: idle polls");
            assertEquals(pool1, count(meters, "pool"), "handed to the pool: idle polls");
            assertEquals(polls0 + 5, vtn.server.core().metrics().oadrPolls(), "polls counted once each");
        }
    }

    @Test
    void postgresAnswersNothingInPlace() {
        PostgresServer pg = PostgresServer.require();
        try (OadrHarness vtn = OadrHarness.onPostgres(pg.database("inplace"))) {
            ScriptedVen ven = vtn.newVen();
            ven.register();
            long polls0 = vtn.server.core().metrics().oadrPolls();
            for (int i = 0; i < 4; i++) {
                ven.poll();
            }
            assertInstanceOf(OadrResponseType.class, ven.poll());
            assertEquals(0.0, count(vtn.server.meterRegistry(), "in_place"), "answered in place on PostgreSQL");
            assertEquals(polls0 + 5, vtn.server.core().metrics().oadrPolls(), "polls counted once each");
        }
    }

    private static double count(MeterRegistry meters, String thread) {
        return meters.get(METER).tag("thread", thread).functionCounter().count();
    }
}
