package org.openvtn.conformance.sep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Device-side DER resources (IEEE 2030.5-2018 DER function set: DERCapability, DERSettings, DERStatus,
 * DERAvailability are client-owned, PUT by the device under its EndDevice's DER): CSIP CORE-014 (DERSettings),
 * BASIC-028 (DERStatus); CSIP-AUS S-ALL-08 (connection status), S-ALL-09 (operational mode status), S-ALL-10
 * (capabilities and settings), S-ALL-55 (incomplete DERSettings rejected). The DER is found by links only:
 * DeviceCapability -> EndDevice -> DERListLink -> DER -> the resource's link.
 */
final class DerCases {

    /** The PUT is accepted (200/201/204) and the resource reads back. */
    static final String STORED = "sep.der.stored";
    /** Every element PUT reads back with the value PUT. */
    static final String READ_BACK = "sep.der.read-back";
    /** The resource read back carries the href of the link that led to it. */
    static final String HREF = "sep.der.href";
    /** Another device can neither read nor write the DER resources (403/404; IEEE 2030.5-2018 §6.11). */
    static final String FOREIGN = "sep.der.foreign-denied";
    /** Incomplete DERSettings are refused with 400 (+ Error) and not stored (CSIP-AUS S-ALL-55). */
    static final String INCOMPLETE = "sep.der.incomplete-rejected";

    private DerCases() {
    }

    static List<SepCase> cases() {
        return List.of(
                SepCase.must(List.of("BASIC-028", "S-ALL-08", "S-ALL-09"), "DERStatus PUT by the device (connection,"
                                + " inverter and operational mode status) is stored and reads back as PUT, with its"
                                + " href", "IEEE 2030.5-2018 DER function set, DERStatus; CSIP BASIC-028; CSIP-AUS"
                                + " S-ALL-08, S-ALL-09", Set.of(), DerCases::basic028),
                SepCase.must(List.of("CORE-014", "S-ALL-10"), "DERCapability, DERSettings and DERAvailability PUT by"
                                + " the device are stored and read back as PUT, with their href; another device can"
                                + " neither read nor write them",
                        "IEEE 2030.5-2018 DER function set; CSIP CORE-014; CSIP-AUS S-ALL-10", Set.of(),
                        DerCases::core014),
                SepCase.must(List.of("S-ALL-55"), "DERSettings without its mandatory setGradW/setMaxW is refused"
                                + " with 400 and an Error, and the stored settings stay as they were",
                        "sep.xsd DERSettings (setGradW, setMaxW, updatedTime required); IEEE 2030.5-2018 §5.5;"
                                + " CSIP-AUS S-ALL-55", Set.of(), DerCases::sAll55));
    }

    /** The device's DER (first item of its EndDevice's DERList). */
    static Element der(CaseContext ctx, SepClientHarness c) {
        Element edev = c.endDevice();
        String derList = c.link(edev, "DERListLink");
        List<Element> ders = c.items("GET DERList", derList, "DERList");
        if (ders.isEmpty()) {
            throw ctx.fail(STORED, "DERList", "the device's DERList is empty: no DER to report under");
        }
        String href = SepXml.attr(ders.get(0), "href").orElseThrow(() -> ctx.fail(SepRules.HREF,
                SepXml.path(ders.get(0)), "DER without href"));
        return c.resource("GET DER", href, "DER");
    }

    /** PUTs a document to the DER's link, reads it back and checks values and href; returns the link's href. */
    static String putAndReadBack(CaseContext ctx, SepClientHarness c, Element der, String link, String xml) {
        String href = c.link(der, link);
        String name = link.substring(0, link.length() - "Link".length());
        SepReply put = c.put("PUT " + name, href, xml);
        SepCases.check(ctx, put.status() == 200 || put.status() == 201 || put.status() == 204, STORED, "PUT " + href,
                "expected 201 (created) or 204 (replaced), got " + put.describe());
        Element got = c.resource("GET " + name + " after PUT", href, name);
        SepCases.check(ctx, SepXml.attr(got, "href").map(h -> c.session().resolve(h).equals(c.session().resolve(href)))
                .orElse(false), HREF, SepXml.path(got) + "/@href", "href " + SepXml.attr(got, "href").orElse("(none)")
                + " but the " + link + " is " + href);
        Element sent = SepXml.parse(xml).getDocumentElement();
        for (String d : differences(sent, got)) {
            SepCases.check(ctx, false, READ_BACK, d.substring(0, d.indexOf(' ')), d.substring(d.indexOf(' ') + 1));
        }
        return href;
    }

    /**
     * Every leaf element of {@code sent} must be in {@code got} at the same path with the same text (hex and
     * case-insensitively compared); returns "path message" strings. Attributes (href, subscribable) are the
     * server's and not compared.
     */
    static List<String> differences(Element sent, Element got) {
        List<String> out = new ArrayList<>();
        diff(sent, got, SepXml.path(got), out);
        return out;
    }

    private static void diff(Element sent, Element got, String path, List<String> out) {
        List<Element> kids = SepXml.children(sent);
        if (kids.isEmpty()) {
            String want = sent.getTextContent().strip();
            String have = got.getTextContent().strip();
            if (!want.equalsIgnoreCase(have)) {
                out.add(path + " '" + have + "' but the device PUT '" + want + "'");
            }
            return;
        }
        for (Element k : kids) {
            String n = k.getLocalName();
            int index = SepXml.children(sent, n).indexOf(k);
            List<Element> theirs = SepXml.children(got, n);
            String p = path + "/" + n + (index > 0 ? "[" + (index + 1) + "]" : "");
            if (index >= theirs.size()) {
                out.add(p + " missing, the device PUT '" + k.getTextContent().strip() + "'");
            } else {
                diff(k, theirs.get(index), p, out);
            }
        }
    }

    static String derStatusXml(long now, int mode) {
        return "<DERStatus xmlns=\"" + SepXml.NS + "\"><genConnectStatus><dateTime>" + (now - 60) + "</dateTime><value>"
                + "07</value></genConnectStatus><inverterStatus><dateTime>" + (now - 60) + "</dateTime><value>4</value>"
                + "</inverterStatus><operationalModeStatus><dateTime>" + (now - 30) + "</dateTime><value>" + mode
                + "</value></operationalModeStatus><readingTime>" + now + "</readingTime></DERStatus>";
    }

    static String derCapabilityXml(long now) {
        return "<DERCapability xmlns=\"" + SepXml.NS + "\"><modesSupported>00500088</modesSupported><rtgMaxVA>"
                + "<multiplier>0</multiplier><value>" + (5000 + now % 1000) + "</value></rtgMaxVA><rtgMaxW><multiplier>0"
                + "</multiplier><value>" + (5000 + now % 997) + "</value></rtgMaxW><rtgVNom><multiplier>0</multiplier>"
                + "<value>230</value></rtgVNom><type>83</type></DERCapability>";
    }

    static String derSettingsXml(long now, long maxW) {
        return "<DERSettings xmlns=\"" + SepXml.NS + "\"><modesEnabled>00500088</modesEnabled><setGradW>"
                + (100 + now % 50) + "</setGradW><setMaxVA><multiplier>0</multiplier><value>5000</value></setMaxVA>"
                + "<setMaxW><multiplier>0</multiplier><value>" + maxW + "</value></setMaxW><updatedTime>" + now
                + "</updatedTime></DERSettings>";
    }

    static String derAvailabilityXml(long now) {
        return "<DERAvailability xmlns=\"" + SepXml.NS + "\"><availabilityDuration>" + (3600 + now % 600)
                + "</availabilityDuration><readingTime>" + now + "</readingTime><reservePercent>2000</reservePercent>"
                + "<statWAvail><multiplier>0</multiplier><value>" + (2000 + now % 500) + "</value></statWAvail>"
                + "</DERAvailability>";
    }

    private static void basic028(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Element der = der(ctx, c);
        long now = s.clock().instant().getEpochSecond();
        // operationalModeStatus: 2 (operational); a second PUT with 1 (off) must replace it (S-ALL-09).
        putAndReadBack(ctx, c, der, "DERStatusLink", derStatusXml(now, 2));
        putAndReadBack(ctx, c, der, "DERStatusLink", derStatusXml(now + 1, 1));
    }

    private static void core014(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Element der = der(ctx, c);
        long now = s.clock().instant().getEpochSecond();
        putAndReadBack(ctx, c, der, "DERCapabilityLink", derCapabilityXml(now));
        String settings = derSettingsXml(now, 4000 + now % 1000);
        String settingsHref = putAndReadBack(ctx, c, der, "DERSettingsLink", settings);
        putAndReadBack(ctx, c, der, "DERAvailabilityLink", derAvailabilityXml(now));

        Optional<DeviceIdentity> other = s.otherDevice(0);
        if (other.isEmpty()) {
            ctx.note("no second device in the PKI directory: the foreign-device checks were not run");
            return;
        }
        SepClientHarness them = s.client(ctx, other.get());
        SepReply read = them.get("GET another device's DERSettings (must be denied)", settingsHref);
        SepCases.check(ctx, read.status() == 403 || read.status() == 404, FOREIGN, "GET " + settingsHref,
                other.get().name() + " read another device's DERSettings: " + read.describe()
                        + " (expected 403 or 404)");
        SepReply write = them.put("PUT another device's DERSettings (must be denied)", settingsHref,
                derSettingsXml(now, 1));
        SepCases.check(ctx, write.status() == 403 || write.status() == 404, FOREIGN, "PUT " + settingsHref,
                other.get().name() + " wrote another device's DERSettings: " + write.describe()
                        + " (expected 403 or 404)");
        Element after = c.resource("GET DERSettings after the foreign PUT", settingsHref, "DERSettings");
        for (String d : differences(SepXml.parse(settings).getDocumentElement(), after)) {
            SepCases.check(ctx, false, FOREIGN, d.substring(0, d.indexOf(' ')), "after another device's PUT: "
                    + d.substring(d.indexOf(' ') + 1));
        }
    }

    private static void sAll55(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Element der = der(ctx, c);
        long now = s.clock().instant().getEpochSecond();
        String complete = derSettingsXml(now, 3000 + now % 1000);
        String href = putAndReadBack(ctx, c, der, "DERSettingsLink", complete);
        String incomplete = "<DERSettings xmlns=\"" + SepXml.NS + "\"><modesEnabled>00500088</modesEnabled><setMaxVA>"
                + "<multiplier>0</multiplier><value>4000</value></setMaxVA><updatedTime>" + (now + 1)
                + "</updatedTime></DERSettings>";
        SepReply r = c.send("PUT incomplete DERSettings (no setGradW, no setMaxW)", "PUT", href, Map.of(), incomplete,
                false);
        SepCases.check(ctx, r.status() == 400, INCOMPLETE, "PUT " + href,
                "DERSettings without setGradW and setMaxW must be refused with 400, got " + r.describe());
        if (r.status() == 400) {
            SepCases.check(ctx, r.body().isBlank() || r.root("Error").isPresent(), INCOMPLETE, "PUT " + href,
                    "a 400 body must be an Error resource, got " + r.root().map(Element::getLocalName).orElse("?"));
            SepCases.should(ctx, !r.body().isBlank(), INCOMPLETE, "PUT " + href,
                    "the 400 carries no Error resource saying why");
        }
        Element after = c.resource("GET DERSettings after the refused PUT", href, "DERSettings");
        for (String d : differences(SepXml.parse(complete).getDocumentElement(), after)) {
            SepCases.check(ctx, false, INCOMPLETE, d.substring(0, d.indexOf(' ')), "after the refused PUT: "
                    + d.substring(d.indexOf(' ') + 1));
        }
    }
}
