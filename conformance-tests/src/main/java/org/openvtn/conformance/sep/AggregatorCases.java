package org.openvtn.conformance.sep;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Aggregator clients (CSIP AGG-001..012; CSIP-AUS S-ALL-03 "Discovery with In-Band Registration for Aggregator
 * Clients"): the driver registers the main device's certificate as an aggregator that may register EndDevices for
 * its sites; the client then POSTs one EndDevice per site (each with the site's own lFDI and the sFDI IEEE
 * 2030.5-2018 §6.3.3 derives from it), pages through its EndDeviceList, reads each site's function sets, and must
 * see nothing that is not its own: its EndDeviceList holds only its sites (and its own EndDevice), a second device
 * sees none of them and the aggregator none of the second device's (403 or 404, as S-ALL-05). The driver makes the
 * certificate a single device again at the end, so the other cases see the main device as before.
 */
final class AggregatorCases {

    /** Each site EndDevice POST is answered 201 + Location and reads back with the site's lFDI and sFDI. */
    static final String REGISTERED = "sep.agg.registered";
    /** The aggregator's EndDeviceList lists every site it registered (paging with l=1 included). */
    static final String LISTED = "sep.agg.listed";
    /** The aggregator sees only its own EndDevices; no one else sees them (S-ALL-05 applied per site). */
    static final String VISIBILITY = "sep.agg.visibility";

    private static final SecureRandom RANDOM = new SecureRandom();

    private AggregatorCases() {
    }

    static List<SepCase> cases() {
        Set<String> agg = Set.of(SepServerSuite.AGGREGATOR);
        List<String> aggIds = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            aggIds.add(String.format("AGG-%03d", i));
        }
        return List.of(
                SepCase.must(List.of("S-ALL-03"), "Discovery with in-band registration for aggregator clients: one"
                                + " certificate POSTs an EndDevice per site (201 + Location each, lFDI/sFDI read back),"
                                + " lists exactly them (paging), reads each site's FunctionSetAssignments",
                        "IEEE 2030.5-2018 §6.3.3/§6.3.4 (sFDI/lFDI), §5.5; CSIP-AUS S-ALL-03", agg,
                        (ctx, s) -> run(ctx, s, 2, false)),
                SepCase.must(aggIds, "Aggregator clients: an aggregator's EndDeviceList holds only its own sites; a"
                                + " second device sees none of them and the aggregator none of the second device's"
                                + " (403/404); a site registered twice is refused (4XX)",
                        "CSIP aggregator clients (AGG-001..012, realised together: the public catalogue names the"
                                + " group); IEEE 2030.5-2018 §6.11 access control; CSIP-AUS S-ALL-05, S-ALL-51", agg,
                        (ctx, s) -> run(ctx, s, 1, true)));
    }

    static String randomLfdi() {
        byte[] b = new byte[20];
        RANDOM.nextBytes(b);
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    private static void run(CaseContext ctx, SepSession s, int sites, boolean isolation) {
        SepServerDriver driver = s.driver(ctx);
        driver.registerAggregator(ctx, s.mainDevice());
        try {
            body(ctx, s, sites, isolation);
        } finally {
            driver.removeAggregator(ctx, s.mainDevice());
        }
    }

    private static void body(CaseContext ctx, SepSession s, int count, boolean isolation) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        String edevList = c.link(c.dcap(), "EndDeviceListLink");
        List<String> hrefs = new ArrayList<>();
        List<String> lfdis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String lfdi = randomLfdi();
            long sfdi = SepIdentity.sfdiFromLfdi(lfdi);
            s.addSite(s.mainDevice(), lfdi);
            SepReply r = c.post("POST site EndDevice " + (i + 1), edevList, c.endDeviceXml(lfdi, sfdi));
            SepCases.check(ctx, r.status() == 201, REGISTERED, "POST " + edevList,
                    "site " + lfdi + ": expected 201, got " + r.describe());
            String href = r.header("Location").orElseThrow(() -> ctx.fail(REGISTERED, "POST " + edevList,
                    "no Location for the EndDevice of site " + lfdi));
            Element e = c.resource("GET site EndDevice " + (i + 1), href, "EndDevice");
            SepCases.check(ctx, SepXml.text(e, "lFDI").map(v -> v.equalsIgnoreCase(lfdi)).orElse(false), REGISTERED,
                    SepXml.path(e) + "/lFDI", "'" + SepXml.text(e, "lFDI").orElse("(none)") + "' but the aggregator"
                            + " POSTed " + lfdi);
            SepCases.check(ctx, SepXml.number(e, "sFDI").map(v -> v == sfdi).orElse(false), REGISTERED,
                    SepXml.path(e) + "/sFDI", SepXml.number(e, "sFDI").orElse(-1L) + " but the aggregator POSTed "
                            + sfdi);
            SepXml.link(e, "FunctionSetAssignmentsListLink").ifPresent(fsa -> c.expect(
                    c.get("GET site FunctionSetAssignmentsList", fsa), 200, "FunctionSetAssignmentsList"));
            hrefs.add(s.resolve(href).toString());
            lfdis.add(lfdi);
        }
        // paging: the first page of one holds one item, and all counts every site
        Element first = c.expect(c.get("GET EndDeviceList l=1", edevList, Map.of("l", "1")), 200, "EndDeviceList");
        long all = SepXml.attr(first, "all").map(Long::parseLong).orElse(0L);
        SepCases.check(ctx, all >= count, LISTED, SepXml.path(first) + "/@all", "all=" + all + " but the aggregator"
                + " registered " + count + " sites");
        List<Element> items = c.items("GET EndDeviceList", edevList, "EndDeviceList");
        for (int i = 0; i < count; i++) {
            String lfdi = lfdis.get(i);
            SepCases.check(ctx, items.stream().anyMatch(x -> SepXml.text(x, "lFDI").map(lfdi::equalsIgnoreCase)
                    .orElse(false)), LISTED, "EndDeviceList", "the EndDevice of site " + lfdi + " is not listed");
        }
        Set<String> mine = s.sites(s.mainDevice());
        for (Element x : items) {
            String l = SepXml.text(x, "lFDI").orElse("").toUpperCase(Locale.ROOT);
            SepCases.check(ctx, mine.contains(l) || l.equals(s.mainDevice().lfdi()), VISIBILITY, SepXml.path(x),
                    "the aggregator's EndDeviceList shows " + SepXml.attr(x, "href").orElse("an EndDevice")
                            + " with lFDI " + l + ", neither its own nor a site it registered");
        }
        if (!isolation) {
            return;
        }
        SepReply again = c.post("POST the same site again", edevList, c.endDeviceXml(lfdis.get(0),
                SepIdentity.sfdiFromLfdi(lfdis.get(0))));
        SepCases.check(ctx, again.status() >= 400 && again.status() < 500, REGISTERED, "POST " + edevList,
                "a site registered twice must be refused (4XX, CSIP-AUS S-ALL-51), got " + again.describe());
        s.otherDevice(0).ifPresentOrElse(o -> {
            SepClientHarness b = s.client(ctx, o);
            String hrefB = SepXml.attr(b.endDevice(), "href").orElse("");
            for (String h : hrefs) {
                SepReply r = b.get("GET an aggregator's site (must be denied)", h);
                SepCases.check(ctx, r.status() == 403 || r.status() == 404, VISIBILITY, "GET " + h,
                        "another device read the aggregator's site: " + r.describe() + " (expected 403 or 404)");
            }
            String listB = b.link(b.dcap(), "EndDeviceListLink");
            boolean sees = b.items("GET EndDeviceList", listB, "EndDeviceList").stream().anyMatch(x -> SepXml
                    .text(x, "lFDI").map(v -> mine.contains(v.toUpperCase(Locale.ROOT))).orElse(false));
            SepCases.check(ctx, !sees, VISIBILITY, "EndDeviceList of " + o.name(), "lists an aggregator's site");
            SepReply r = c.get("GET another device's EndDevice (must be denied)", hrefB);
            SepCases.check(ctx, r.status() == 403 || r.status() == 404, VISIBILITY, "GET " + hrefB,
                    "the aggregator read " + o.name() + "'s EndDevice: " + r.describe() + " (expected 403 or 404)");
        }, () -> ctx.note("no second device in pkiDir: only the aggregator's own view was checked"));
    }
}
