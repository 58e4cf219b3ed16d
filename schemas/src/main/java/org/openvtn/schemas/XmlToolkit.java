package org.openvtn.schemas;

import java.util.EnumMap;
import java.util.Map;

/**
 * One place that knows every published schema set: detects which standard a document belongs to, validates
 * it, and round-trips it through the matching codec. Backs the {@code openvtn xml} commands a lab runs on
 * captured traffic. Codecs are built on first use and reused; thread-safe.
 */
public final class XmlToolkit {

    private final PublishedSchemas schemas;
    private final XmlLimits limits;
    private final SecureXmlInput input;
    private final Map<XmlStandard, Object> built = new EnumMap<>(XmlStandard.class);

    public XmlToolkit(PublishedSchemas schemas, XmlLimits limits) {
        this.schemas = schemas;
        this.limits = limits;
        this.input = new SecureXmlInput(limits);
    }

    /** The standard of a document (see {@link SecureXmlInput#detect}); refuses unknown namespaces. */
    public XmlStandard detect(byte[] doc) throws XmlCodecException {
        XmlStandard s = input.detect(doc);
        if (s == null) {
            throw new XmlCodecException(XmlCodecException.Kind.UNSUPPORTED, "root element " + input.rootElement(doc)
                    + " is in neither the OpenADR 2.0b nor the IEEE 2030.5 namespace");
        }
        return s;
    }

    /** Validates a document against its standard's published schema and returns that standard. */
    public XmlStandard validate(byte[] doc) throws XmlCodecException {
        XmlStandard s = detect(doc);
        validator(s).validate(doc);
        return s;
    }

    /**
     * Validates, binds, re-encodes (validated) and compares. CSIP-AUS documents have no bindings yet
     * (they are validated only) and are refused here with {@link XmlCodecException.Kind#UNSUPPORTED}.
     */
    public XmlRoundTrip.Result roundTrip(byte[] doc) throws XmlCodecException {
        XmlStandard s = detect(doc);
        if (s == XmlStandard.CSIP_AUS_13) {
            throw new XmlCodecException(XmlCodecException.Kind.UNSUPPORTED,
                    "CSIP-AUS 1.3 documents are validated but not bound yet; round trip is not available");
        }
        return XmlRoundTrip.run(codec(s), doc);
    }

    /** The codec of a standard that has bindings (OpenADR 2.0b or IEEE 2030.5). */
    public synchronized XmlCodec codec(XmlStandard s) {
        return (XmlCodec) built.computeIfAbsent(s, k -> switch (k) {
            case OPENADR_20B -> OadrCodec.create(schemas, limits, true, true);
            case IEEE_2030_5 -> SepCodec.create(schemas, limits, true, true);
            case CSIP_AUS_13 -> throw new IllegalArgumentException("no bindings for CSIP-AUS 1.3 yet");
        });
    }

    private SchemaValidator validator(XmlStandard s) {
        if (s == XmlStandard.CSIP_AUS_13) {
            return new SchemaValidator(schemas.schema(s), limits);
        }
        return new SchemaValidator(codec(s).schema(), limits);
    }
}
