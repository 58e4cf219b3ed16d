package org.openvtn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;

/** Runs each {@link PollPathBenchmark} method once: an idle poll gets oadrResponse, a re-queued one the 3 events. */
class PollPathBenchmarkTest {
    static PollPathBenchmark b;

    @BeforeAll
    static void setUp() throws Exception {
        b = new PollPathBenchmark();
        b.setup();
    }

    @AfterAll
    static void tearDown() {
        b.close();
    }

    @Test
    void idleAndDistributionPolls() throws Exception {
        Object idle = b.codec.decodeMessage(b.idlePoll());
        assertEquals("200", assertInstanceOf(OadrResponseType.class, idle).getEiResponse().getResponseCode());
        Object d = b.codec.decodeMessage(b.distributionPoll());
        assertEquals(3, assertInstanceOf(OadrDistributeEventType.class, d).getOadrEvent().size());
        assertInstanceOf(OadrResponseType.class, b.codec.decodeMessage(b.idlePoll()));
    }
}
