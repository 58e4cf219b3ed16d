package org.openvtn.schemas;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.util.List;
import java.util.Map;

/**
 * Codec for IEEE 2030.5-2018 resources (schema {@code sep.xsd}, namespace {@code urn:ieee:std:2030.5:ns}).
 *
 * <p>Output uses the 2030.5 namespace as the default namespace and the element order of the XSD sequences
 * (IEEE 2030.5-2018 §5.4: representations follow the schema; {@code application/sep+xml}). Validation against
 * the published schema is on in both directions by default.
 *
 * <p>Documents are written <b>without an XML declaration</b>: the standard's examples carry none, UTF-8 is the
 * default encoding of XML, and some strict 2030.5 test harnesses refuse the {@code standalone="yes"} declaration
 * that JAXB writes by default (issue #17).
 */
public final class SepCodec extends XmlCodec {

    /** Media type of IEEE 2030.5 XML representations (IEEE 2030.5-2018 §5.4.2). */
    public static final String CONTENT_TYPE = "application/sep+xml";

    /** The IEEE 2030.5 namespace. */
    public static final String NAMESPACE = "urn:ieee:std:2030.5:ns";

    private SepCodec(JAXBContext context, PublishedSchemas schemas, XmlLimits limits, boolean validateIn,
                     boolean validateOut) {
        super(XmlStandard.IEEE_2030_5, context, schemas.schema(XmlStandard.IEEE_2030_5), limits, validateIn,
                validateOut, Map.of(NAMESPACE, ""), List.of(org.openvtn.schemas.sep.ObjectFactory.class));
    }

    /** Writes (and validates) the document as {@link XmlCodec#encode} does, then drops the XML declaration. */
    @Override
    public byte[] encode(Object value) throws XmlCodecException {
        return withoutDeclaration(super.encode(value));
    }

    /** @return the document without a leading {@code <?xml ...?>} declaration (unchanged when it has none) */
    static byte[] withoutDeclaration(byte[] doc) {
        if (doc.length < 5 || doc[0] != '<' || doc[1] != '?' || doc[2] != 'x' || doc[3] != 'm' || doc[4] != 'l') {
            return doc;
        }
        for (int i = 5; i + 1 < doc.length; i++) {
            if (doc[i] == '?' && doc[i + 1] == '>') {
                return java.util.Arrays.copyOfRange(doc, i + 2, doc.length);
            }
        }
        return doc;
    }

    /** A codec with default limits that validates in and out. */
    public static SepCodec create(PublishedSchemas schemas) {
        return create(schemas, XmlLimits.DEFAULT, true, true);
    }

    /** A codec with the given limits and validation switches. */
    public static SepCodec create(PublishedSchemas schemas, XmlLimits limits, boolean validateIn, boolean validateOut) {
        try {
            return new SepCodec(JAXBContext.newInstance("org.openvtn.schemas.sep", SepCodec.class.getClassLoader()),
                    schemas, limits, validateIn, validateOut);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot build the IEEE 2030.5 JAXB context", e);
        }
    }
}
