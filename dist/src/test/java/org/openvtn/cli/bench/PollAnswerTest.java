package org.openvtn.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvtn.core.ErrorCode;
import org.openvtn.core.VtnException;
import org.openvtn.oadr20b.service.OadrMapping;
import org.openvtn.oadr20b.service.OadrValues;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.oadr20b.OadrPollType;

/**
 * Issue #18 item 5: {@code bench poll} counts as good every schema-valid answer a VTN may give to oadrPoll (OpenADR 2.0b
 * 8.7), including an oadrDistributeEvent without the optional eiResponse (the VTN's own distribution on a poll, which
 * the former {@code >200</} text check counted as an error), and as errors an answer with another responseCode and a
 * message that does not answer a poll.
 */
class PollAnswerTest {
    private final OadrCodec codec = OadrCodec.create(new PublishedSchemas());

    @Test
    void theVtnsAnswersToAPollAreGood() throws Exception {
        byte[] idle = codec.encodePayload(OadrMapping.response(OadrValues.ok(null), "ven-1"));
        assertNull(PollAnswer.problem(idle));
        byte[] distribution = codec.encodePayload(OadrMapping.distributeEvent("vtn-1", "req-1", null, List.of(), null,
                Instant.EPOCH, Duration.ZERO));
        String text = new String(distribution, StandardCharsets.UTF_8);
        assertTrue(text.contains("oadrDistributeEvent") && !text.contains(">200</"), text);
        assertNull(PollAnswer.problem(distribution), "a distribution without eiResponse answers a poll");
        assertNull(PollAnswer.problem(codec.encodePayload(OadrMapping.distributeEvent("vtn-1", "req-1",
                OadrValues.ok("req-1"), List.of(), null, Instant.EPOCH, Duration.ZERO))));
    }

    @Test
    void anErrorCodeOrAMessageThatIsNoAnswerIsAnError() throws Exception {
        byte[] refused = codec.encodePayload(OadrMapping.response(OadrValues.error(
                new VtnException(ErrorCode.NOT_REGISTERED_OR_AUTHORIZED, "venID", "not registered"), null), "ven-1"));
        assertEquals("oadrResponse with responseCode 463", PollAnswer.problem(refused));
        OadrPollType poll = new OadrPollType();
        poll.setSchemaVersion("2.0b");
        poll.setVenID("ven-1");
        assertEquals("oadrPoll is not an answer to oadrPoll", PollAnswer.problem(codec.encodePayload(poll)));
        assertTrue(PollAnswer.problem("<html>busy</html>".getBytes(StandardCharsets.UTF_8)).startsWith("root is html"));
        assertTrue(PollAnswer.problem("not xml".getBytes(StandardCharsets.UTF_8)).startsWith("not XML"));
    }
}
