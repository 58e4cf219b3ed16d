package org.openvtn.schemas;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Codec for IEEE 2030.5-2018 resources (schema {@code sep.xsd}, namespace {@code urn:ieee:std:2030.5:ns}).
 *
 * <p>Output uses the 2030.5 namespace as the default namespace and the element order of the XSD sequences
 * (IEEE 2030.5-2018 §5.4: representations follow the schema; {@code application/sep+xml}). Validation against
 * the published schema is on in both directions by default.
 *
 * <p>A codec {@link #withCsipAus() with CSIP-AUS 1.3} also reads and writes the extension elements of
 * {@code https://csipaus.org/ns/v1.3} ({@link CsipAusBinding}); a document that uses that namespace is validated
 * against the CSIP-AUS schema set, any other against sep.xsd.
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

    private final PublishedSchemas schemas;
    private final boolean validateIn;
    private final boolean validateOut;
    private final CsipAusBinding csipAus;

    private SepCodec(JAXBContext context, PublishedSchemas schemas, XmlLimits limits, boolean validateIn,
                     boolean validateOut, boolean csipAus) {
        super(XmlStandard.IEEE_2030_5, context, schemas.schema(XmlStandard.IEEE_2030_5), limits, validateIn,
                validateOut, Map.of(NAMESPACE, ""), List.of(org.openvtn.schemas.sep.ObjectFactory.class));
        this.schemas = schemas;
        this.validateIn = validateIn;
        this.validateOut = validateOut;
        this.csipAus = csipAus ? new CsipAusBinding(context, schemas, limits) : null;
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
        return create(schemas, limits, validateIn, validateOut, false);
    }

    private static SepCodec create(PublishedSchemas schemas, XmlLimits limits, boolean validateIn,
                                   boolean validateOut, boolean csipAus) {
        try {
            return new SepCodec(JAXBContext.newInstance("org.openvtn.schemas.sep", SepCodec.class.getClassLoader()),
                    schemas, limits, validateIn, validateOut, csipAus);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot build the IEEE 2030.5 JAXB context", e);
        }
    }

    /**
     * The same codec with CSIP-AUS 1.3 bound (the bundled {@code csip-aus-1.3/} schemas, digest-checked at build
     * time; compiling them here fails fast when they are missing).
     */
    public SepCodec withCsipAus() {
        if (csipAus != null) {
            return this;
        }
        schemas.schema(XmlStandard.CSIP_AUS_13);
        return create(schemas, limits(), validateIn, validateOut, true);
    }

    /** The CSIP-AUS 1.3 binding, when this codec has it. */
    public Optional<CsipAusBinding> csipAus() {
        return Optional.ofNullable(csipAus);
    }

    @Override
    public Object decodeElement(byte[] doc) throws XmlCodecException {
        if (csipAus != null && CsipAusBinding.uses(doc)) {
            return csipAus.decode(doc);
        }
        return super.decodeElement(doc);
    }

    /**
     * Writes (and validates) the document as {@link XmlCodec#encode} does — through the CSIP-AUS binding when it carries
     * extension elements — then drops the XML declaration (issue #17).
     */
    @Override
    public byte[] encode(Object value) throws XmlCodecException {
        if (csipAus != null && !csipAus.idle()) {
            byte[] extended = csipAus.encode(rootOf(value));
            if (extended != null) {
                return withoutDeclaration(extended);
            }
        }
        return withoutDeclaration(super.encode(value));
    }
}
