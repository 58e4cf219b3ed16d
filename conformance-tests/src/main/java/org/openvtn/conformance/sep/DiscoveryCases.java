package org.openvtn.conformance.sep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/** Discovery, time, polling and list rules: CSIP CORE-003, CORE-004, CORE-005. */
final class DiscoveryCases {

    static final String POLL_RATE = "sep.pollRate";
    static final String UNKNOWN_QUERY = "sep.list.unknown-query-ignored";
    static final String PAGING = "sep.list.paging";

    private DiscoveryCases() {
    }

    static List<SepCase> cases() {
        return List.of(
                SepCase.must(List.of("CORE-005"), "Time resource linked from DeviceCapability; currentTime, offsets"
                        + " and quality sane", "IEEE 2030.5-2018 §6.3 Time; CSIP CORE-005", Set.of(),
                        DiscoveryCases::core005),
                SepCase.must(List.of("CORE-003"), "pollRate advertised on the polled resources is a positive number",
                        "IEEE 2030.5-2018 pollRate (default 900 s); CSIP CORE-003", Set.of(), DiscoveryCases::core003),
                SepCase.must(List.of("CORE-004"), "List paging with s and l, all/results consistent, pages"
                                + " concatenate to the whole list, unknown query parameters ignored",
                        "IEEE 2030.5-2018 §5.4 list queries; CSIP CORE-004", Set.of(), DiscoveryCases::core004));
    }

    private static void core005(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Element dcap = c.dcap();
        c.resource("GET Time", c.link(dcap, "TimeLink"), "Time");
    }

    private static void core003(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        List<Element> polled = new ArrayList<>();
        Element dcap = c.dcap();
        polled.add(dcap);
        polled.add(c.resource("GET EndDeviceList", c.link(dcap, "EndDeviceListLink"), "EndDeviceList"));
        Element edev = c.endDevice();
        SepXml.link(edev, "FunctionSetAssignmentsListLink").ifPresent(h -> polled.add(
                c.resource("GET FunctionSetAssignmentsList", h, "FunctionSetAssignmentsList")));
        for (Element e : polled) {
            SepXml.attr(e, "pollRate").ifPresent(v -> SepCases.check(ctx, v.matches("[0-9]+") && Long.parseLong(v) > 0,
                    POLL_RATE, SepXml.path(e) + "/@pollRate", "pollRate '" + v + "' is not a positive number of seconds"));
            ctx.note(e.getLocalName() + " pollRate " + SepXml.attr(e, "pollRate").orElse("absent (900 s default)"));
        }
    }

    private static void core004(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Element dcap = c.dcap();
        c.endDevice();
        String edevList = c.link(dcap, "EndDeviceListLink");

        // Unknown parameters are ignored: same list attributes with and without them.
        Element plain = c.expect(c.get("GET EndDeviceList l=10", edevList, Map.of("l", "10")), 200, "EndDeviceList");
        Element odd = c.expect(c.get("GET EndDeviceList l=10 + unknown parameters", edevList,
                Map.of("l", "10", "conformance", "x", "zz", "1")), 200, "EndDeviceList");
        SepCases.check(ctx, SepXml.attr(plain, "all").equals(SepXml.attr(odd, "all"))
                        && SepXml.attr(plain, "results").equals(SepXml.attr(odd, "results")), UNKNOWN_QUERY,
                SepXml.path(odd), "unknown query parameters changed the list (all/results " + SepXml.attr(plain, "all")
                        .orElse("?") + "/" + SepXml.attr(plain, "results").orElse("?") + " vs "
                        + SepXml.attr(odd, "all").orElse("?") + "/" + SepXml.attr(odd, "results").orElse("?") + ")");
        // s past the end: an empty page (all/results rules are checked on every list automatically).
        c.expect(c.get("GET EndDeviceList s past end", edevList, Map.of("s", "1000", "l", "5")), 200, "EndDeviceList");

        // A DERControlList with several items: paged one by one it must equal the whole list.
        SepServerDriver driver = s.driver(ctx);
        DerMode mode = SepCases.mode(driver, DerMode.TARGET_W, DerMode.MAX_LIM_W);
        List<DerControlSpec> specs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DerControlSpec spec = SepCases.spec(s.mainDevice(), mode,
                    SepCases.at(ctx, Duration.ofHours(40 + i)), Duration.ofMinutes(30)).withValue(1000 + i);
            driver.createDerControl(ctx, spec);
            specs.add(spec);
        }
        Element first = SepCases.awaitControl(ctx, c, specs.get(0));
        Optional<Element> program = SepCases.programOf(c, first);
        if (program.isEmpty()) {
            throw ctx.fail(PAGING, "DERProgram", "the control was found but no DERProgram lists it");
        }
        String list = c.link(program.get(), "DERControlListLink");
        Element whole = c.expect(c.get("GET DERControlList l=100", list, Map.of("l", "100")), 200, "DERControlList");
        long all = Long.parseLong(SepXml.attr(whole, "all").orElse("0"));
        SepCases.check(ctx, all >= 3, PAGING, SepXml.path(whole) + "/@all", "all=" + all
                + " although three controls were created for this device");
        List<String> paged = new ArrayList<>();
        for (long i = 0; i < Math.min(all, 100); i++) {
            Element page = c.expect(c.get("GET DERControlList s=" + i + " l=1", list,
                    Map.of("s", Long.toString(i), "l", "1")), 200, "DERControlList");
            SepRules.items(page).forEach(e -> paged.add(SepXml.attr(e, "href").orElse("")));
        }
        List<String> hrefs = SepRules.items(whole).stream().map(e -> SepXml.attr(e, "href").orElse("")).toList();
        SepCases.check(ctx, paged.equals(hrefs), PAGING, SepXml.path(whole),
                "pages of l=1 do not concatenate to the whole list: " + paged + " vs " + hrefs);
        Element two = c.expect(c.get("GET DERControlList s=1 l=2", list, Map.of("s", "1", "l", "2")), 200,
                "DERControlList");
        List<String> twoHrefs = SepRules.items(two).stream().map(e -> SepXml.attr(e, "href").orElse("")).toList();
        SepCases.check(ctx, twoHrefs.equals(hrefs.subList(Math.min(1, hrefs.size()), Math.min(3, hrefs.size()))),
                PAGING, SepXml.path(two), "s=1&l=2 returned " + twoHrefs + ", expected items 2..3 of " + hrefs);
    }
}
