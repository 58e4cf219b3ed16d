package org.openvtn.conformance.sep;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Messaging function set (IEEE 2030.5-2018 §10.6). No official server procedure covers it, so the row is named after
 * the function set: a message the driver posts reaches the device through FunctionSetAssignments ->
 * MessagingProgramList -> MessagingProgram -> TextMessageList as a TextMessage (an event with EventStatus) with the
 * posted text, priority and start.
 */
final class MessagingCases {

    /** The posted message is reachable as a TextMessage with its text. */
    static final String PUBLISHED = "sep.messaging.published";
    /** The TextMessage carries the posted priority and interval, and an EventStatus. */
    static final String CONTENT = "sep.messaging.content";

    private MessagingCases() {
    }

    static List<SepCase> cases() {
        return List.of(SepCase.must(List.of("MESSAGING-TEXT"), "A posted text message reaches the device:"
                        + " FunctionSetAssignments -> MessagingProgram -> TextMessageList -> TextMessage with the text,"
                        + " priority, start and an EventStatus",
                "IEEE 2030.5-2018 §10.6 Messaging (MessagingProgram, TextMessage)", Set.of(SepServerSuite.MESSAGING),
                MessagingCases::text));
    }

    private static void text(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        String text = "conformance " + UUID.randomUUID();
        Instant start = SepCases.at(ctx, Duration.ofHours(2));
        s.driver(ctx).postMessage(ctx, s.mainDevice(), text, 2, start, Duration.ofHours(1));
        Element m = find(c, text).orElseThrow(() -> ctx.fail(PUBLISHED, "TextMessageList", "no TextMessage '" + text
                + "' in any MessagingProgram of the device's FunctionSetAssignments"));
        SepCases.check(ctx, SepXml.number(m, "priority").orElse(-1L) == 2, CONTENT, SepXml.path(m) + "/priority",
                SepXml.text(m, "priority").orElse("(none)") + " but the message was posted with priority 2");
        SepCases.check(ctx, SepXml.number(m, "interval", "start").orElse(-1L) == start.getEpochSecond(), CONTENT,
                SepXml.path(m) + "/interval/start", "expected " + start.getEpochSecond());
        SepCases.check(ctx, SepXml.text(m, "EventStatus", "currentStatus").isPresent(), CONTENT, SepXml.path(m)
                + "/EventStatus", "a TextMessage is an Event and needs its EventStatus");
    }

    private static Optional<Element> find(SepClientHarness c, String text) {
        Element edev = c.endDevice();
        Optional<String> fsaList = SepXml.link(edev, "FunctionSetAssignmentsListLink");
        List<Element> programs = new ArrayList<>();
        for (Element fsa : fsaList.isEmpty() ? List.<Element>of() : c.items("GET FunctionSetAssignmentsList",
                fsaList.get(), "FunctionSetAssignmentsList")) {
            SepXml.link(fsa, "MessagingProgramListLink").ifPresent(l -> programs.addAll(c.items(
                    "GET MessagingProgramList", l, "MessagingProgramList")));
        }
        for (Element p : programs) {
            Optional<String> txt = SepXml.link(p, "TextMessageListLink");
            for (Element m : txt.isEmpty() ? List.<Element>of() : c.items("GET TextMessageList", txt.get(),
                    "TextMessageList")) {
                if (SepXml.text(m, "textMessage").map(text::equals).orElse(false)) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }
}
