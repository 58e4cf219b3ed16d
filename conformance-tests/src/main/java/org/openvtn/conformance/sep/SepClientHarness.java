package org.openvtn.conformance.sep;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.http.ProbeResponse;
import org.w3c.dom.Element;

/**
 * One device playing an IEEE 2030.5 client against the target, for one case: TLS 1.2 with
 * TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 on Bouncy Castle JSSE (the certs module's {@code IEEE_2030_5} profile),
 * discovery from the DeviceCapability URL by following links (no other path is assumed). Every exchange is
 * recorded in the case's evidence and every body goes through {@link SepRules}; violations are reported to the
 * case as they are found.
 */
public final class SepClientHarness {

    /** Rule for an HTTP status the case did not expect (IEEE 2030.5-2018 §5.5 HTTP response codes). */
    public static final String HTTP_STATUS = "sep.http.status";
    /** Rule for a link the case needs that the target does not offer. */
    public static final String LINK = "sep.link.present";
    private static final String CT = "application/sep+xml";

    private final CaseContext ctx;
    private final SepSession session;
    private final DeviceIdentity id;

    SepClientHarness(CaseContext ctx, SepSession session, DeviceIdentity id) {
        this.ctx = ctx;
        this.session = session;
        this.id = id;
    }

    public DeviceIdentity identity() {
        return id;
    }

    public SepSession session() {
        return session;
    }

    /** GET without query. */
    public SepReply get(String label, String href) {
        return send(label, "GET", href, Map.of(), null, true);
    }

    /** GET with list query parameters (e.g. {@code s}, {@code l}). */
    public SepReply get(String label, String href, Map<String, String> query) {
        return send(label, "GET", href, query, null, true);
    }

    /** POST a body the suite believes valid (it is validated too: a suite bug would show). */
    public SepReply post(String label, String href, String body) {
        return send(label, "POST", href, Map.of(), body, true);
    }

    public SepReply put(String label, String href, String body) {
        return send(label, "PUT", href, Map.of(), body, true);
    }

    /**
     * Sends a request. {@code validateSent} false is for deliberately invalid requests (negative cases).
     * A target's body is checked as a GET response when the method is GET.
     */
    public SepReply send(String label, String method, String href, Map<String, String> query, String body,
                         boolean validateSent) {
        if (body != null && validateSent) {
            for (RuleViolation v : session.rules().xsd(body)) {
                ctx.violations(List.of(RuleViolation.must(v.rule(), "request " + label + ": " + v.element(),
                        "the suite's own request is invalid: " + v.message())));
            }
        }
        URI uri = withQuery(session.resolve(href), query);
        ProbeResponse r = session.probe(id).exchange(label, method, uri, Map.of("Accept", CT),
                body == null ? null : CT, body);
        ctx.record(r.exchange());
        SepRules.Checked checked = null;
        String text = r.body();
        if (!text.isBlank() && !"HEAD".equals(method)) {
            List<RuleViolation> v = new ArrayList<>(SepRules.contentType(r.header("Content-Type").orElse(null), true));
            checked = session.rules().check(text, SepRules.Query.of(query), "GET".equals(method) && r.status() == 200);
            v.addAll(checked.violations());
            Element root = checked.root();
            if (root != null && checked.schemaValid()) {
                v.addAll(identityRules(root));
                session.subscriptionListOffered(id).ifPresent(o -> v.addAll(SepRules.subscribable(root, o)));
            }
            ctx.violations(prefix(label, v));
        }
        return new SepReply(r, checked);
    }

    private List<RuleViolation> identityRules(Element root) {
        List<RuleViolation> out = new ArrayList<>();
        if ("EndDevice".equals(root.getLocalName())) {
            if (!isSite(root)) {
                out.addAll(session.rules().endDeviceIdentity(root, id.lfdi(), id.sfdi()));
            }
        } else if ("EndDeviceList".equals(root.getLocalName())) {
            for (Element e : SepRules.items(root)) {
                if (!isSite(e)) {
                    out.addAll(session.rules().endDeviceIdentity(e, id.lfdi(), id.sfdi()));
                }
            }
        }
        return out;
    }

    /** An EndDevice this client registered as an aggregator carries its site's LFDI, not the certificate's. */
    private boolean isSite(Element edev) {
        return SepXml.text(edev, "lFDI").map(v -> session.sites(id).contains(v.toUpperCase(java.util.Locale.ROOT)))
                .orElse(false);
    }

    private static List<RuleViolation> prefix(String label, List<RuleViolation> v) {
        return v.stream().map(x -> new RuleViolation(x.rule(), x.level(), label + ": " + x.element(), x.message()))
                .toList();
    }

    /** Ends the case with FAIL unless the reply has the status (and, if given, the root element). */
    public Element expect(SepReply r, int status, String rootName) {
        if (r.transportError()) {
            throw ctx.fail(HTTP_STATUS, r.exchange().label(), r.describe());
        }
        if (r.status() != status) {
            throw ctx.fail(HTTP_STATUS, r.exchange().label(), "expected " + status + ", got " + r.describe());
        }
        if (rootName == null) {
            return null;
        }
        return r.root(rootName).orElseThrow(() -> ctx.fail(HTTP_STATUS, r.exchange().label(),
                "expected a " + rootName + " body, got " + r.describe()));
    }

    /** GET that must answer 200 with the given root element. */
    public Element resource(String label, String href, String rootName) {
        return expect(get(label, href), 200, rootName);
    }

    /** The href of a link the case needs; FAIL when the target does not offer it. */
    public String link(Element parent, String linkName) {
        return SepXml.link(parent, linkName).orElseThrow(() -> ctx.fail(LINK, SepXml.path(parent) + "/" + linkName,
                "no " + linkName + " offered"));
    }

    /** GET DeviceCapability (the one configured URL). */
    public Element dcap() {
        return resource("GET DeviceCapability", session.dcap().toString(), "DeviceCapability");
    }

    /** Every item of a list, paging with {@code s}/{@code l} (page size 10) until {@code all} is reached. */
    public List<Element> items(String label, String listHref, String listName) {
        List<Element> out = new ArrayList<>();
        int pageSize = 10;
        for (int s = 0; s < 1000; s += pageSize) {
            Element list = expect(get(label + " s=" + s, listHref, Map.of("s", Integer.toString(s),
                    "l", Integer.toString(pageSize))), 200, listName);
            List<Element> page = SepRules.items(list);
            out.addAll(page);
            long all = SepXml.attr(list, "all").map(Long::parseLong).orElse(0L);
            if (page.isEmpty() || out.size() >= all) {
                break;
            }
        }
        return out;
    }

    /**
     * This device's EndDevice: found in the EndDeviceList by LFDI/SFDI, or created by POSTing one (in-band
     * registration, §6.3.4 / CSIP-AUS S-ALL-02). Returns the GET of its href.
     */
    public Element endDevice() {
        String href = session.memo("edev:" + id.lfdi(), () -> findOrCreateEndDevice());
        Element e = resource("GET EndDevice", href, "EndDevice");
        session.subscriptionListOffered(id, SepXml.link(e, "SubscriptionListLink").isPresent());
        return e;
    }

    private String findOrCreateEndDevice() {
        String edevList = link(dcap(), "EndDeviceListLink");
        Optional<Element> mine = ownIn(items("GET EndDeviceList", edevList, "EndDeviceList"));
        if (mine.isPresent()) {
            return SepXml.attr(mine.get(), "href").orElseThrow(() -> ctx.fail(SepRules.HREF,
                    SepXml.path(mine.get()), "own EndDevice has no href"));
        }
        SepReply r = post("POST EndDevice", edevList, endDeviceXml(id.lfdi(), id.sfdi()));
        expect(r, 201, null);
        return r.header("Location").orElseThrow(() -> ctx.fail("sep.http.location", "POST EndDevice",
                "201 without a Location header"));
    }

    /** The item of an EndDevice list that carries this device's LFDI or SFDI. */
    public Optional<Element> ownIn(List<Element> endDevices) {
        return endDevices.stream().filter(e -> SepXml.text(e, "lFDI").map(v -> v.equalsIgnoreCase(id.lfdi()))
                .orElse(SepXml.number(e, "sFDI").map(v -> v == id.sfdi()).orElse(false))).findFirst();
    }

    /** An EndDevice body in sep.xsd sequence order. */
    public String endDeviceXml(String lfdi, long sfdi) {
        return "<EndDevice xmlns=\"" + SepXml.NS + "\"><lFDI>" + lfdi + "</lFDI><sFDI>" + sfdi + "</sFDI><changedTime>"
                + session.clock().instant().getEpochSecond() + "</changedTime></EndDevice>";
    }

    /**
     * Every DERProgram reachable from this device's FunctionSetAssignments (EndDevice -> FSA list -> FSA ->
     * DERProgramList), each with the FSA it came from.
     */
    public List<Element> derPrograms() {
        Element edev = endDevice();
        List<Element> out = new ArrayList<>();
        Optional<String> fsaList = SepXml.link(edev, "FunctionSetAssignmentsListLink");
        if (fsaList.isEmpty()) {
            return out;
        }
        for (Element fsa : items("GET FunctionSetAssignmentsList", fsaList.get(), "FunctionSetAssignmentsList")) {
            Optional<String> derpList = SepXml.link(fsa, "DERProgramListLink");
            if (derpList.isPresent()) {
                out.addAll(items("GET DERProgramList", derpList.get(), "DERProgramList"));
            }
        }
        return out;
    }

    /** Every DERControl of every reachable DERProgram. */
    public List<Element> derControls() {
        List<Element> out = new ArrayList<>();
        for (Element p : derPrograms()) {
            Optional<String> list = SepXml.link(p, "DERControlListLink");
            if (list.isPresent()) {
                out.addAll(items("GET DERControlList", list.get(), "DERControlList"));
            }
        }
        return out;
    }

    static URI withQuery(URI base, Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return base;
        }
        Map<String, String> q = new LinkedHashMap<>(query);
        String qs = q.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        String s = base.toString();
        return URI.create(s + (s.contains("?") ? "&" : "?") + qs);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
