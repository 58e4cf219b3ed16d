package org.openvtn.conformance.sep.client;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CSIP-AUS 1.3 dynamic-operating-envelope modes the harness publishes. csipaus-core-v1.3.xsd redefines sep.xsd's
 * DERControlBase so that it ends with {@code opModImpLimW}, {@code opModExpLimW}, {@code opModGenLimW},
 * {@code opModLoadLimW} (ActivePower) in the namespace {@code https://csipaus.org/ns/v1.3} (CSIP-AUS §3 DERControl
 * extensions). The JAXB types are plain sep.xsd, so the harness encodes an empty DERControlBase for such a control and
 * appends the CSIP-AUS element to it here, located by the mRID of the DERControl / DefaultDERControl that carries it;
 * the result is validated against the CSIP-AUS 1.3 schema set before it leaves (see SepDeviceHarness).
 */
final class CsipAusModes {
    static final String NS = "https://csipaus.org/ns/v1.3";
    /** In schema order (the redefinition's sequence): a base carries one mode, so order matters only for docs. */
    static final Set<String> MODES = Set.of("opModImpLimW", "opModExpLimW", "opModGenLimW", "opModLoadLimW");

    private static final Pattern MRID = Pattern.compile("<((?:[\\w-]+:)?)mRID>([0-9A-Fa-f]+)</(?:[\\w-]+:)?mRID>");

    private CsipAusModes() {
    }

    static boolean isCsipAus(String mode) {
        return MODES.contains(mode);
    }

    /** The CSIP-AUS mode of every DERControl and DefaultDERControl of {@code sc}, by upper-case hex mRID. */
    static Map<String, Scenario.Mode> byMrid(Scenario sc) {
        Map<String, Scenario.Mode> aus = new java.util.HashMap<>();
        for (Scenario.Program p : sc.programs) {
            if (p.defaults != null && isCsipAus(p.defaults.mode())) {
                aus.put(p.defaultMrid(), p.defaults);
            }
            for (Scenario.Control c : p.controls) {
                if (isCsipAus(c.mode)) {
                    aus.put(c.mrid, new Scenario.Mode(c.mode, c.value));
                }
            }
        }
        return aus;
    }

    /**
     * Appends the CSIP-AUS mode of every object whose mRID is a key of {@code byMrid} to the first DERControlBase
     * after that mRID (DERControl and DefaultDERControl: mRID precedes DERControlBase; §10.10.4).
     */
    static String inject(String xml, Map<String, Scenario.Mode> byMrid) {
        if (byMrid.isEmpty() || !xml.contains("DERControlBase")) {
            return xml;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = MRID.matcher(xml);
        int at = 0;
        while (m.find(at)) {
            Scenario.Mode mode = byMrid.get(m.group(2).toUpperCase(java.util.Locale.ROOT));
            if (mode == null) {
                out.append(xml, at, m.end());
                at = m.end();
                continue;
            }
            String p = m.group(1);
            String element = "<csipaus:" + mode.mode() + " xmlns:csipaus=\"" + NS + "\"><" + p + "multiplier>0</" + p
                    + "multiplier><" + p + "value>" + mode.value() + "</" + p + "value></csipaus:" + mode.mode() + ">";
            int empty = xml.indexOf("<" + p + "DERControlBase/>", m.end());
            int close = xml.indexOf("</" + p + "DERControlBase>", m.end());
            if (empty >= 0 && (close < 0 || empty < close)) {
                out.append(xml, at, empty).append("<").append(p).append("DERControlBase>").append(element)
                        .append("</").append(p).append("DERControlBase>");
                at = empty + ("<" + p + "DERControlBase/>").length();
            } else if (close >= 0) {
                out.append(xml, at, close).append(element);
                at = close;
            } else {
                out.append(xml, at, m.end());
                at = m.end();
            }
        }
        out.append(xml.substring(at));
        return out.toString();
    }
}
