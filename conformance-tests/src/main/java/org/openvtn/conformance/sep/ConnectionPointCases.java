package org.openvtn.conformance.sep;

import java.util.List;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * CSIP-AUS 1.3 connection point registration: the EndDevice carries {@code csipaus:ConnectionPointLink}
 * (csipaus-core-v1.3.xsd, EndDevice extension); the client PUTs a {@code csipaus:ConnectionPoint} with its
 * {@code connectionPointId} (the site's NMI) there, may update it, and the server refuses an invalid one
 * (CSIP-AUS S-OPT-03, S-ALL-53, S-OPT-02).
 */
final class ConnectionPointCases {

    /** The EndDevice links its ConnectionPoint and a PUT one reads back (S-OPT-03). */
    static final String STORED = "sep.csipaus.connection-point.stored";
    /** An invalid ConnectionPoint is refused with 400 and the stored one stays (S-OPT-02). */
    static final String REFUSED = "sep.csipaus.connection-point.invalid-rejected";

    private ConnectionPointCases() {
    }

    static List<SepCase> cases() {
        Set<String> aus = Set.of(SepServerSuite.CSIP_AUS);
        return List.of(
                SepCase.must(List.of("S-OPT-03"), "Connection point registration: the EndDevice carries a"
                                + " ConnectionPointLink, and a ConnectionPoint PUT there reads back with its"
                                + " connectionPointId", "CSIP-AUS 1.3 csipaus:ConnectionPointLink, ConnectionPoint;"
                                + " CSIP-AUS S-OPT-03", aus, (ctx, s) -> putAndCheck(ctx, s.client(ctx, s.mainDevice()),
                                "4102345678")),
                SepCase.must(List.of("S-ALL-53"), "Update connection point: a second PUT replaces the"
                                + " connectionPointId and the ConnectionPoint reads back the new one",
                        "CSIP-AUS 1.3 ConnectionPoint; CSIP-AUS S-ALL-53", aus, ConnectionPointCases::sAll53),
                SepCase.must(List.of("S-OPT-02"), "Incorrect connection point registration: a ConnectionPoint whose"
                                + " connectionPointId is not a String32 is refused with 400 and the stored one stays",
                        "csipaus-ext-v1.3.xsd ConnectionPointType (connectionPointId String32); IEEE 2030.5-2018 §5.5"
                                + " (400); CSIP-AUS S-OPT-02", aus, ConnectionPointCases::sOpt02));
    }

    static String xml(String id) {
        return "<ConnectionPoint xmlns=\"" + SepXml.CSIP_AUS_NS + "\"><connectionPointId>" + id
                + "</connectionPointId></ConnectionPoint>";
    }

    /** PUTs {@code id} to the device's ConnectionPointLink, reads it back; returns the link's href. */
    static String putAndCheck(CaseContext ctx, SepClientHarness c, String id) {
        Element edev = c.endDevice();
        String href = SepXml.link(edev, "ConnectionPointLink").orElseThrow(() -> ctx.fail(STORED,
                SepXml.path(edev), "the EndDevice carries no csipaus:ConnectionPointLink"));
        SepReply put = c.put("PUT ConnectionPoint", href, xml(id));
        SepCases.check(ctx, put.status() == 200 || put.status() == 201 || put.status() == 204, STORED,
                "PUT " + href, "expected 201 (created) or 204 (replaced), got " + put.describe());
        Element got = c.resource("GET ConnectionPoint after PUT", href, "ConnectionPoint");
        String have = SepXml.text(got, "connectionPointId").orElse("(none)");
        SepCases.check(ctx, id.equals(have), STORED, SepXml.path(got) + "/connectionPointId",
                "'" + have + "' but the device PUT '" + id + "'");
        return href;
    }

    private static void sAll53(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        putAndCheck(ctx, c, "4102000001");
        putAndCheck(ctx, c, "4102000002");
    }

    private static void sOpt02(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        String href = putAndCheck(ctx, c, "4102999999");
        SepReply bad = c.send("PUT invalid ConnectionPoint", "PUT", href, java.util.Map.of(), xml("N".repeat(33)),
                false);
        SepCases.check(ctx, bad.status() == 400, REFUSED, "PUT " + href,
                "a connectionPointId of 33 characters (String32): expected 400, got " + bad.describe());
        Element after = c.resource("GET ConnectionPoint after the refused PUT", href, "ConnectionPoint");
        String have = SepXml.text(after, "connectionPointId").orElse("(none)");
        SepCases.check(ctx, "4102999999".equals(have), REFUSED, SepXml.path(after) + "/connectionPointId",
                "'" + have + "' after a refused PUT; the stored '4102999999' should stay");
    }
}
