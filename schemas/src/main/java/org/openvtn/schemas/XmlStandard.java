package org.openvtn.schemas;

import java.util.List;

/**
 * The published schema sets the codecs know, and how a document is recognised as belonging to one.
 */
public enum XmlStandard {
    /** OpenADR 2.0b profile schema (root {@code oadr_20b.xsd}, plus {@code oadr_xmldsig-properties-schema.xsd}). */
    OPENADR_20B("OpenADR 2.0b", "http://openadr.org/oadr-2.0b/2012/07",
            List.of("openadr-2.0b/oadr_20b.xsd", "openadr-2.0b/oadr_xmldsig-properties-schema.xsd")),
    /** IEEE 2030.5-2018 ({@code sep.xsd}, namespace {@code urn:ieee:std:2030.5:ns}, version 2.1.0). */
    IEEE_2030_5("IEEE 2030.5-2018", "urn:ieee:std:2030.5:ns", List.of("ieee-2030.5/sep.xsd")),
    /**
     * CSIP-AUS v1.3: an {@code xs:redefine} of sep.xsd plus extension elements in {@code https://csipaus.org/ns/v1.3}.
     * A 2030.5 document that uses the CSIP-AUS namespace is validated against this set.
     */
    CSIP_AUS_13("CSIP-AUS 1.3", "https://csipaus.org/ns/v1.3", List.of("csip-aus-1.3/csipaus-core-v1.3.xsd"));

    private final String title;
    private final String namespace;
    private final List<String> rootSchemas;

    XmlStandard(String title, String namespace, List<String> rootSchemas) {
        this.title = title;
        this.namespace = namespace;
        this.rootSchemas = rootSchemas;
    }

    /** Human-readable name, e.g. "OpenADR 2.0b". */
    public String title() {
        return title;
    }

    /** The namespace that identifies the standard. */
    public String namespace() {
        return namespace;
    }

    /** Schema files (relative to the published-schemas folder) that together form the validation schema. */
    public List<String> rootSchemas() {
        return rootSchemas;
    }

    /**
     * Recognises the OpenADR 2.0b namespaces (every OpenADR 2.0b message, wrapped or bare, has its root in
     * the {@code oadr} namespace) and IEEE 2030.5. Returns null for anything else.
     */
    public static XmlStandard forRootNamespace(String ns) {
        if (OPENADR_20B.namespace.equals(ns)) {
            return OPENADR_20B;
        }
        if (IEEE_2030_5.namespace.equals(ns)) {
            return IEEE_2030_5;
        }
        return null;
    }
}
