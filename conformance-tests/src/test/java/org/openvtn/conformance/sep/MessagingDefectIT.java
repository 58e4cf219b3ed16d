package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;

/**
 * MESSAGING-TEXT (IEEE 2030.5-2018 §10.7) against a defective 2030.5 server (a test double over real mutual TLS): it
 * publishes the text the driver posted, at the right start, but always with priority 0 (low) where the driver asked
 * for 2 (high). The case FAILs on {@code sep.messaging.content} at the priority.
 */
class MessagingDefectIT {
    private static final String NS = SepDouble.NS;
    private static final Pattern TEXT = Pattern.compile("\"text\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern START = Pattern.compile("\"start\"\\s*:\\s*\"([^\"]+)\"");
    private static final AtomicReference<String[]> POSTED = new AtomicReference<>();
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        String edev = SepDouble.deviceFields() + "<FunctionSetAssignmentsListLink all=\"1\" href=\"/edev/1/fsa\"/>";
        String txt = "/edev/1/msg/1/txt";
        Map<String, String> pages = Map.of(
                "/dcap", "<DeviceCapability " + NS + " href=\"/dcap\"><EndDeviceListLink all=\"1\" href=\"/edev\"/>"
                        + "</DeviceCapability>",
                "/edev", "<EndDeviceList " + NS + " href=\"/edev\" all=\"1\" results=\"1\"><EndDevice href=\"/edev/1\">"
                        + edev + "</EndDevice></EndDeviceList>",
                "/edev/1", "<EndDevice " + NS + " href=\"/edev/1\">" + edev + "</EndDevice>",
                "/edev/1/fsa", "<FunctionSetAssignmentsList " + NS + " href=\"/edev/1/fsa\" all=\"1\" results=\"1\">"
                        + "<FunctionSetAssignments href=\"/edev/1/fsa/1\"><mRID>0F000000000000000000000000000001</mRID>"
                        + "<MessagingProgramListLink all=\"1\" href=\"/edev/1/fsa/1/msg\"/>"
                        + "</FunctionSetAssignments></FunctionSetAssignmentsList>",
                "/edev/1/fsa/1/msg", "<MessagingProgramList " + NS + " href=\"/edev/1/fsa/1/msg\" all=\"1\""
                        + " results=\"1\"><MessagingProgram href=\"/edev/1/msg/1\">"
                        + "<mRID>0F000000000000000000000000000002</mRID><locale>en</locale><primacy>1</primacy>"
                        + "<TextMessageListLink all=\"1\" href=\"" + txt + "\"/></MessagingProgram>"
                        + "</MessagingProgramList>");
        server = SepDouble.start(pages, (request, response, callback, path) -> {
            String[] posted = POSTED.get();
            if (!path.equals(txt) || posted == null) {
                return false;
            }
            long start = java.time.Instant.parse(posted[1]).getEpochSecond();
            SepDouble.page(response, callback, "<TextMessageList " + NS + " href=\"" + txt + "\" all=\"1\" results=\"1\""
                    + " subscribable=\"1\"><TextMessage href=\"" + txt + "/1\"><mRID>0F000000000000000000000000000003"
                    + "</mRID><creationTime>0</creationTime><EventStatus><currentStatus>0</currentStatus><dateTime>0"
                    + "</dateTime><potentiallySuperseded>false</potentiallySuperseded></EventStatus><interval>"
                    + "<duration>3600</duration><start>" + start + "</start></interval><priority>0</priority>"
                    + "<textMessage>" + posted[0] + "</textMessage></TextMessage></TextMessageList>");
            return true;
        }, (request, response, callback, path) -> {
            if ("POST".equals(request.getMethod()) && path.endsWith("/messages")) {
                String body = SepDouble.body(request);
                Matcher t = TEXT.matcher(body);
                Matcher s = START.matcher(body);
                if (t.find() && s.find()) {
                    POSTED.set(new String[] {t.group(1), s.group(1)});
                }
            }
            return false;
        });
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
