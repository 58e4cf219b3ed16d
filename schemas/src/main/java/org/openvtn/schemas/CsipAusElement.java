package org.openvtn.schemas;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One CSIP-AUS 1.3 extension element (namespace {@value #NS}) as it rides on a 2030.5 resource: an immutable little
 * tree (name, text, children), because the JAXB classes of sep.xsd have no place for the elements CSIP-AUS appends by
 * {@code xs:redefine} (csipaus-core-v1.3.xsd: DERControlBase, DERSettings, DERCapability, EndDevice).
 *
 * @param namespace namespace of the element ({@value #NS} for the extension element; the 2030.5 namespace for the
 *                  children of 2030.5 types such as ActivePower)
 * @param localName local name
 * @param text      text content, or null for an element with children
 * @param children  child elements (empty for a text element)
 */
public record CsipAusElement(String namespace, String localName, String text, List<CsipAusElement> children) {

    /** The CSIP-AUS 1.3 namespace. */
    public static final String NS = "https://csipaus.org/ns/v1.3";

    public CsipAusElement {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(localName, "localName");
        children = List.copyOf(children);
    }

    /** A CSIP-AUS element of 2030.5 type ActivePower (e.g. {@code opModExpLimW}): value x 10^multiplier watts. */
    public static CsipAusElement activePower(String localName, long watts) {
        int mult = 0;
        long v = watts;
        while (Math.abs(v) > Short.MAX_VALUE) {
            v = Math.round(v / 10.0);
            mult++;
        }
        return new CsipAusElement(NS, localName, null, List.of(
                new CsipAusElement(SepCodec.NAMESPACE, "multiplier", Integer.toString(mult), List.of()),
                new CsipAusElement(SepCodec.NAMESPACE, "value", Long.toString(v), List.of())));
    }

    /** A CSIP-AUS element of 2030.5 type WattHour ({@code setMinWh}; value is UInt16). */
    public static CsipAusElement wattHour(String localName, long wattHours) {
        if (wattHours < 0) {
            throw new IllegalArgumentException(localName + ": must not be negative");
        }
        int mult = 0;
        long v = wattHours;
        while (v > 0xFFFF) {
            v = Math.round(v / 10.0);
            mult++;
        }
        return new CsipAusElement(NS, localName, null, List.of(
                new CsipAusElement(SepCodec.NAMESPACE, "multiplier", Integer.toString(mult), List.of()),
                new CsipAusElement(SepCodec.NAMESPACE, "value", Long.toString(v), List.of())));
    }

    /** A CSIP-AUS bitmap element (DOEControlType / VPPControlType: HexBinary8). */
    public static CsipAusElement hex8(String localName, int bits) {
        return new CsipAusElement(NS, localName, String.format(Locale.ROOT, "%02X", bits & 0xFF), List.of());
    }

    /** A CSIP-AUS element of 2030.5 type Link ({@code ConnectionPointLink}): the href is an attribute. */
    public static CsipAusElement link(String localName, String href) {
        return new CsipAusElement(NS, localName, null, List.of(new CsipAusElement("", "@href", href, List.of())));
    }

    /** The text of a direct child, or null. */
    public String child(String local) {
        for (CsipAusElement c : children) {
            if (c.localName.equals(local)) {
                return c.text;
            }
        }
        return null;
    }

    /** Watts of an ActivePower / WattHour element (value x 10^multiplier). */
    public long watts() {
        String v = child("value");
        String m = child("multiplier");
        long value = v == null ? 0 : Long.parseLong(v.strip());
        int mult = m == null ? 0 : Integer.parseInt(m.strip());
        return Math.round(value * Math.pow(10, mult));
    }

    /** The bits of a HexBinary8 bitmap element. */
    public int bits() {
        return text == null || text.isBlank() ? 0 : Integer.parseInt(text.strip(), 16);
    }
}
