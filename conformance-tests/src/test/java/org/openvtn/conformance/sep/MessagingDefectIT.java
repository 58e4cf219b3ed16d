package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;

/**
 * MESSAGING-TEXT (IEEE 2030.5-2018 §10.6) against a defective 2030.5 server (a test double over real mutual TLS): it
 * publishes the text the driver posted, at the right start, but always with priority 0 (low) where the driver asked
 * for 2 (high). The case FAILs on {@code sep.messaging.content} at the priority.
 */
class MessagingDefectIT {
    private static final String NS = SepDouble.NS;
    private static final AtomicReference<String[]> POSTED = new AtomicReference<>();
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        String txt = "/edev/1/msg/1/txt";
        Map<String, String> pages = SepDouble.fsaPages(
                "<MessagingProgramListLink all=\"1\" href=\"/edev/1/fsa/1/msg\"/>", Map.of(
                "/edev/1/fsa/1/msg", "<MessagingProgramList " + NS + " href=\"/edev/1/fsa/1/msg\" all=\"1\""
                        + " results=\"1\"><MessagingProgram href=\"/edev/1/msg/1\">"
                        + "<mRID>0F000000000000000000000000000002</mRID><locale>en</locale><primacy>1</primacy>"
                        + "<TextMessageListLink all=\"1\" href=\"" + txt + "\"/></MessagingProgram>"
                        + "</MessagingProgramList>"));
        server = SepDouble.start(pages, (request, response, callback, path) -> {
            String[] posted = POSTED.get();
            if (!path.equals(txt) || posted == null) {
                return false;
            }
            long start = java.time.Instant.parse(posted[1]).getEpochSecond();
            SepDouble.page(response, callback, "<TextMessageList " + NS + " href=\"" + txt + "\" all=\"1\" results=\"1\""
                    + " subscribable=\"1\"><TextMessage href=\"" + txt + "/1\"><mRID>0F000000000000000000000000000003"
                    + "</mRID>" + SepDouble.eventFields(3600, start) + "<priority>0</priority>"
                    + "<textMessage>" + posted[0] + "</textMessage></TextMessage></TextMessageList>");
            return true;
        }, SepDouble.seesAdminPosts("/messages", body -> {
            String text = SepDouble.jsonString(body, "text");
            String start = SepDouble.jsonString(body, "start");
            if (text != null && start != null) {
                POSTED.set(new String[] {text, start});
            }
        }));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The wrong priority fails the case, naming the element. */
    @Test
    void wrongPriorityFails() {
        CaseResult r = server.run(Set.of(SepServerSuite.MESSAGING), "MESSAGING-TEXT").get("MESSAGING-TEXT");
        assertEquals(Verdict.FAIL, r.verdict(), r.reason() + " " + r.violations());
        assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(MessagingCases.CONTENT)
                && v.message().contains("priority 2")), r.violations().toString());
    }
}
