package org.openvtn.conformance.sep;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.http.HttpsProbe;
import org.w3c.dom.Element;

/** HTTP semantics (IEEE 2030.5-2018 §5.5): CSIP CORE-001 methods and status codes, CORE-002 TLS only / 501. */
final class HttpCases {

    static final String S405 = "sep.http.405-allow";
    static final String S404 = "sep.http.404";
    static final String S400 = "sep.http.400-error";
    static final String HEAD = "sep.http.head";
    static final String TLS_ONLY = "sep.http.tls-only";
    static final String RESOLVES = "sep.link.resolves";

    private HttpCases() {
    }

    static List<SepCase> cases() {
        return List.of(
                SepCase.must(List.of("CORE-001"), "HTTP methods and status codes: HEAD, 405 with Allow, 404 for an"
                                + " unknown resource, 400 for a malformed body",
                        "IEEE 2030.5-2018 §5.5; CSIP CORE-001", Set.of(), HttpCases::core001),
                SepCase.must(List.of("CORE-002"), "Only TLS is served; every advertised link answers 200, or 501 for"
                                + " a function set that is advertised but not implemented",
                        "IEEE 2030.5-2018 §5.5, §6.11; CSIP CORE-002", Set.of(), HttpCases::core002));
    }

    private static void core001(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Element dcap = c.dcap();
        String dcapHref = s.dcap().toString();

        SepReply head = c.send("HEAD DeviceCapability", "HEAD", dcapHref, Map.of(), null, true);
        SepCases.check(ctx, head.status() == 200 && head.body().isEmpty(), HEAD, "HEAD " + dcapHref,
                "expected 200 without a body, got " + head.describe() + " with " + head.body().length() + " chars");

        for (String method : List.of("DELETE", "PUT", "POST")) {
            String body = method.equals("DELETE") ? null
                    : "<DeviceCapability xmlns=\"" + SepXml.NS + "\" href=\"/x\"/>";
            SepReply r = c.send(method + " DeviceCapability", method, dcapHref, Map.of(), body, false);
            String allow = r.header("Allow").orElse("");
            SepCases.check(ctx, r.status() == 405, S405, method + " " + dcapHref,
                    "a client may not " + method + " DeviceCapability: expected 405, got " + r.describe());
            SepCases.check(ctx, r.status() != 405 || allow.toUpperCase(java.util.Locale.ROOT).contains("GET"),
                    S405, method + " " + dcapHref, "405 without an Allow header listing GET (Allow: '" + allow + "')");
        }

        String unknown = s.resolve("/conformance-" + UUID.randomUUID()).toString();
        SepReply nf = c.get("GET unknown resource", unknown);
        SepCases.check(ctx, nf.status() == 404, S404, "GET " + unknown, "expected 404, got " + nf.describe());

        String edevList = c.link(dcap, "EndDeviceListLink");
        SepReply bad = c.send("POST malformed EndDevice", "POST", edevList, Map.of(), "<EndDevice xmlns=\""
                + SepXml.NS + "\"><sFDI>12", false);
        SepCases.check(ctx, bad.status() == 400, S400, "POST " + edevList,
                "a malformed body must be answered 400, got " + bad.describe());
        SepCases.check(ctx, bad.body().isBlank() || bad.root("Error").isPresent(), S400, "POST " + edevList,
                "a 400 body must be an Error resource, got " + bad.root().map(Element::getLocalName).orElse("?"));
    }

    private static void core002(CaseContext ctx, SepSession s) {
        URI https = s.dcap();
        URI plain = URI.create("http://" + https.getHost() + ":" + (https.getPort() > 0 ? https.getPort() : 443)
                + https.getRawPath());
        try (HttpsProbe probe = HttpsProbe.create(null, null, java.time.Duration.ofSeconds(10), ctx.clock())) {
            Exchange e = probe.send("GET DeviceCapability over plain HTTP", "GET", plain, null, null);
            ctx.record(e);
            boolean served = e.error() == null && e.status() >= 200 && e.status() < 300;
            SepCases.check(ctx, !served, TLS_ONLY, "GET " + plain,
                    "the 2030.5 resources were served without TLS (status " + e.status() + ")");
        }
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Element dcap = c.dcap();
        followLinks(ctx, c, dcap);
        Element edev = c.endDevice();
        followLinks(ctx, c, edev);
        SepXml.link(edev, "FunctionSetAssignmentsListLink").ifPresent(fl -> {
            for (Element fsa : c.items("GET FunctionSetAssignmentsList", fl, "FunctionSetAssignmentsList")) {
                followLinks(ctx, c, fsa);
            }
        });
        for (Element p : c.derPrograms()) {
            followLinks(ctx, c, p);
        }
    }

    /** GET every {@code *Link} child: 200, or 501 for an advertised but unimplemented function set. */
    static void followLinks(CaseContext ctx, SepClientHarness c, Element parent) {
        for (Element l : SepXml.children(parent)) {
            String name = l.getLocalName();
            if (name == null || !name.endsWith("Link") || !l.hasAttribute("href")) {
                continue;
            }
            SepReply r = c.get("GET " + name, l.getAttribute("href"));
            SepCases.check(ctx, !r.transportError() && (r.status() == 200 || r.status() == 501), RESOLVES,
                    SepXml.path(l), "advertised link answers " + r.describe() + " (expected 200, or 501 when"
                            + " the function set is advertised but not implemented)");
        }
    }
}
