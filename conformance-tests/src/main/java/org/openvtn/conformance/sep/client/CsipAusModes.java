package org.openvtn.conformance.sep.client;

import java.util.List;
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
    /** In schema order (the redefinition's sequence); a base with several modes lists them in this order. */
    static final List<String> ORDER = List.of("opModImpLimW", "opModExpLimW", "opModGenLimW", "opModLoadLimW",
            "opModStorageTargetW");
    static final Set<String> MODES = Set.copyOf(ORDER);

    /** One CSIP-AUS mode of a DERControlBase: ActivePower value and power-of-ten multiplier. */
    record Aus(String mode, long value, int multiplier) {
    }

    private static final Pattern MRID = Pattern.compile("<((?:[\\w-]+:)?)mRID>([0-9A-Fa-f]+)</(?:[\\w-]+:)?mRID>");

    private CsipAusModes() {
    }

    static boolean isCsipAus(String mode) {
        return MODES.contains(mode);
    }

    /** The CSIP-AUS modes of every DERControl and DefaultDERControl of {@code sc} (schema order), by upper-case hex mRID. */
    static Map<String, List<Aus>> byMrid(Scenario sc) {
        Map<String, List<Aus>> aus = new java.util.HashMap<>();
        for (Scenario.Program p : sc.programs) {
            if (p.defaults != null && isCsipAus(p.defaults.mode())) {
                aus.put(p.defaultMrid(), List.of(new Aus(p.defaults.mode(), p.defaults.value(), 0)));
            }
            for (Scenario.Control c : p.controls) {
                List<Aus> modes = new java.util.ArrayList<>();
                if (isCsipAus(c.mode)) {
                    modes.add(new Aus(c.mode, c.value, c.multiplier));
                }
                c.also.stream().filter(m -> isCsipAus(m.mode())).forEach(m -> modes.add(new Aus(m.mode(), m.value(), 0)));
                if (!modes.isEmpty()) {
                    modes.sort(java.util.Comparator.comparingInt(m -> ORDER.indexOf(m.mode())));
                    aus.put(c.mrid, modes);
                }
            }
        }
        return aus;
    }

    /**
     * Appends the CSIP-AUS mode of every object whose mRID is a key of {@code byMrid} to the first DERControlBase
     * after that mRID (DERControl and DefaultDERControl: mRID precedes DERControlBase; §10.10.4).
     */
    static String inject(String xml, Map<String, List<Aus>> byMrid) {
        if (byMrid.isEmpty() || !xml.contains("DERControlBase")) {
            return xml;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = MRID.matcher(xml);
        int at = 0;
        while (m.find(at)) {
            List<Aus> modes = byMrid.get(m.group(2).toUpperCase(java.util.Locale.ROOT));
            if (modes == null) {
                out.append(xml, at, m.end());
                at = m.end();
                continue;
            }
            String p = m.group(1);
            StringBuilder el = new StringBuilder();
            for (Aus mode : modes) {
                el.append("<csipaus:").append(mode.mode()).append(" xmlns:csipaus=\"").append(NS).append("\"><")
                        .append(p).append("multiplier>").append(mode.multiplier()).append("</").append(p)
                        .append("multiplier><").append(p).append("value>").append(mode.value()).append("</").append(p)
                        .append("value></csipaus:").append(mode.mode()).append(">");
            }
            String element = el.toString();
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
