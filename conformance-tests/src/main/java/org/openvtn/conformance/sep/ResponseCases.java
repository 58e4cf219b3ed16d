package org.openvtn.conformance.sep;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Responses to controls (sep.xsd RespondableResource replyTo/responseRequired, Response; CSIP CORE-022; CSIP-AUS
 * S-ALL-41, S-ALL-42, S-ALL-57).
 */
final class ResponseCases {

    static final String REPLY_TO = "sep.response.replyTo";
    static final String ACCEPTED = "sep.response.accepted";
    static final String REJECTED = "sep.response.invalid-rejected";

    private ResponseCases() {
    }

    static List<SepCase> cases() {
        Set<String> req = Set.of(SepServerSuite.RESPONSES);
        return List.of(
                SepCase.must(List.of("CORE-022", "S-ALL-41"), "A control that requires responses carries replyTo;"
                                + " the device's received/started responses are accepted (201)",
                        "sep.xsd RespondableResource, Response; CSIP CORE-022; CSIP-AUS S-ALL-41", req,
                        ResponseCases::core022),
                SepCase.must(List.of("S-ALL-42"), "A response posted after the control was cancelled is accepted",
                        "CSIP-AUS S-ALL-42", req, ResponseCases::sAll42),
                SepCase.must(List.of("S-ALL-57"), "Invalid responses (schema-invalid, unknown subject) are rejected",
                        "CSIP-AUS S-ALL-57; IEEE 2030.5-2018 §5.5 (400)", req, ResponseCases::sAll57));
    }

    static String responseXml(SepClientHarness c, String subject, int status) {
        return "<DERControlResponse xmlns=\"" + SepXml.NS + "\"><createdDateTime>"
                + c.session().clock().instant().getEpochSecond() + "</createdDateTime><endDeviceLFDI>"
                + c.identity().lfdi() + "</endDeviceLFDI><status>" + status + "</status><subject>" + subject
                + "</subject></DERControlResponse>";
    }

    /** Schedules a control that requires responses and returns it as published. */
    private static Element respondable(CaseContext ctx, SepSession s, SepClientHarness c, int hours,
                                       SepServerDriver.Handle[] handle) throws Exception {
        SepServerDriver driver = s.driver(ctx);
        DerMode mode = SepCases.mode(driver, DerMode.TARGET_W, DerMode.MAX_LIM_W);
        DerControlSpec b = SepCases.spec(s.mainDevice(), mode, SepCases.at(ctx, Duration.ofHours(hours)),
                Duration.ofMinutes(30)).withValue(3000 + hours);
        DerControlSpec spec = new DerControlSpec(b.device(), mode, b.value(), b.start(), b.duration(), Duration.ZERO,
                true);
        handle[0] = driver.createDerControl(ctx, spec);
        Element d = SepCases.awaitControl(ctx, c, spec);
        SepCases.check(ctx, SepXml.attr(d, "replyTo").filter(v -> !v.isBlank()).isPresent(), REPLY_TO,
                SepXml.path(d) + "/@replyTo", "a control that requires responses has no replyTo");
        SepCases.check(ctx, !"00".equals(SepXml.attr(d, "responseRequired").orElse("00")), REPLY_TO,
                SepXml.path(d) + "/@responseRequired", "responseRequired is absent or 00");
        return d;
    }

    private static void core022(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Element d = respondable(ctx, s, c, 100, new SepServerDriver.Handle[1]);
        String replyTo = SepXml.attr(d, "replyTo").orElseThrow(() -> ctx.fail(REPLY_TO, SepXml.path(d), "no replyTo"));
        String mrid = SepXml.text(d, "mRID").orElse("");
        for (int status : new int[] {1, 2}) {
            SepReply r = c.post("POST DERControlResponse status " + status, replyTo, responseXml(c, mrid, status));
            SepCases.check(ctx, r.status() == 201 || r.status() == 204, ACCEPTED, "POST " + replyTo,
                    "response status " + status + " answered " + r.describe() + ", expected 201");
        }
    }

    private static void sAll42(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        SepServerDriver.Handle[] h = new SepServerDriver.Handle[1];
        Element d = respondable(ctx, s, c, 101, h);
        String replyTo = SepXml.attr(d, "replyTo").orElseThrow(() -> ctx.fail(REPLY_TO, SepXml.path(d), "no replyTo"));
        s.driver(ctx).cancel(ctx, h[0]);
        SepReply r = c.post("POST DERControlResponse status 6 (cancelled) after cancellation", replyTo,
                responseXml(c, SepXml.text(d, "mRID").orElse(""), 6));
        SepCases.check(ctx, r.status() == 201 || r.status() == 204, ACCEPTED, "POST " + replyTo,
                "a late response answered " + r.describe() + ", expected 201");
    }

    private static void sAll57(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Element d = respondable(ctx, s, c, 102, new SepServerDriver.Handle[1]);
        String replyTo = SepXml.attr(d, "replyTo").orElseThrow(() -> ctx.fail(REPLY_TO, SepXml.path(d), "no replyTo"));
        SepReply invalid = c.send("POST schema-invalid DERControlResponse", "POST", replyTo, Map.of(),
                "<DERControlResponse xmlns=\"" + SepXml.NS + "\"><status>one</status></DERControlResponse>", false);
        SepCases.check(ctx, invalid.status() == 400, REJECTED, "POST " + replyTo,
                "a schema-invalid response answered " + invalid.describe() + ", expected 400");
        SepReply unknown = c.post("POST DERControlResponse for an unknown subject", replyTo,
                responseXml(c, "0123456789ABCDEF0123456789ABCDEF", 1));
        // SHOULD: sep.xsd says subject matches the response to the originating event; the standard does not say in
        // so many words that a server must refuse a subject it does not know, so this is a recommendation here.
        SepCases.should(ctx, unknown.status() >= 400 && unknown.status() < 500, REJECTED, "POST " + replyTo,
                "a response for an unknown subject answered " + unknown.describe() + ", expected 4xx");
    }
}
