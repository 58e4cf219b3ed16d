package org.openvtn.schemas;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvtn.schemas.oadr20b.OadrPayload;
import org.openvtn.schemas.oadr20b.OadrSignedObject;

/**
 * Codec for OpenADR 2.0b messages (OpenADR 2.0b Profile Specification, schema {@code oadr_20b.xsd}).
 *
 * <p>Every 2.0b message travels as {@code oadrPayload/oadrSignedObject/<message>}; {@link #wrap} and
 * {@link #unwrap} convert between the message object and that envelope. Validation against the published
 * schema is on in both directions by default.
 */
public final class OadrCodec extends XmlCodec {

    /** MIME type of OpenADR 2.0b simple-HTTP bodies. */
    public static final String CONTENT_TYPE = "application/xml";

    private static final String[] PACKAGES = {
        "org.openvtn.schemas.oadr20b", "org.openvtn.schemas.oadr20b.dsigprops", "org.openvtn.schemas.oadr20b.ei",
        "org.openvtn.schemas.oadr20b.pyld", "org.openvtn.schemas.oadr20b.emix", "org.openvtn.schemas.oadr20b.siscale",
        "org.openvtn.schemas.oadr20b.power", "org.openvtn.schemas.oadr20b.strm", "org.openvtn.schemas.oadr20b.xcal",
        "org.openvtn.schemas.oadr20b.currency", "org.openvtn.schemas.oadr20b.espi", "org.openvtn.schemas.oadr20b.atom",
        "org.openvtn.schemas.oadr20b.dsig", "org.openvtn.schemas.oadr20b.dsig11", "org.openvtn.schemas.oadr20b.gml",
    };

    /** The usual prefixes of the 2.0b namespaces, as the specification's examples write them. */
    private static final Map<String, String> PREFIXES = Map.ofEntries(
            Map.entry("http://openadr.org/oadr-2.0b/2012/07", "oadr"),
            Map.entry("http://openadr.org/oadr-2.0b/2012/07/xmldsig-properties", "dsp"),
            Map.entry("http://docs.oasis-open.org/ns/energyinterop/201110", "ei"),
            Map.entry("http://docs.oasis-open.org/ns/energyinterop/201110/payloads", "pyld"),
            Map.entry("http://docs.oasis-open.org/ns/emix/2011/06", "emix"),
            Map.entry("http://docs.oasis-open.org/ns/emix/2011/06/siscale", "scale"),
            Map.entry("http://docs.oasis-open.org/ns/emix/2011/06/power", "power"),
            Map.entry("urn:ietf:params:xml:ns:icalendar-2.0:stream", "strm"),
            Map.entry("urn:ietf:params:xml:ns:icalendar-2.0", "xcal"),
            Map.entry("urn:un:unece:uncefact:codelist:standard:5:ISO42173A:2010-04-07", "clm5ISO42173A"),
            Map.entry("http://naesb.org/espi", "gb"),
            Map.entry("http://www.w3.org/2005/Atom", "atom"),
            Map.entry("http://www.w3.org/2000/09/xmldsig#", "ds"),
            Map.entry("http://www.w3.org/2009/xmldsig11#", "dsig11"),
            Map.entry("http://www.opengis.net/gml/3.2", "gml"));

    /** For each message type, the getter and setter of its slot in oadrSignedObject. */
    private final Map<Class<?>, Method[]> slots;
    /** Proven shapes of the unsigned oadrPoll (issue #18); null when incoming validation is off. */
    private final PollShapes polls;

    private OadrCodec(JAXBContext context, PublishedSchemas schemas, XmlLimits limits, boolean validateIn,
                      boolean validateOut) {
        super(XmlStandard.OPENADR_20B, context, schemas.schema(XmlStandard.OPENADR_20B), limits, validateIn,
                validateOut, PREFIXES, objectFactories());
        this.slots = signedObjectSlots();
        this.polls = validateIn ? new PollShapes(limits.maxDocumentBytes()) : null;
    }

    /** A codec with default limits that validates in and out. */
    public static OadrCodec create(PublishedSchemas schemas) {
        return create(schemas, XmlLimits.DEFAULT, true, true);
    }

    /**
     * A codec with the given limits. Turning validation off is for measurements and diagnostics only; the
     * product validates every message.
     */
    public static OadrCodec create(PublishedSchemas schemas, XmlLimits limits, boolean validateIn, boolean validateOut) {
        try {
            return new OadrCodec(JAXBContext.newInstance(String.join(":", PACKAGES), OadrCodec.class.getClassLoader()),
                    schemas, limits, validateIn, validateOut);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot build the OpenADR 2.0b JAXB context", e);
        }
    }

    /**
     * Reads a complete {@code oadrPayload} document: validated against the published schema (unless this codec was
     * created without incoming validation) and bound. An unsigned {@code oadrPoll} that matches a shape the full path
     * has proven is answered from that shape, with the full path's result and refusals ({@link PollShapes}; issue #18).
     */
    public OadrPayload decodePayload(byte[] doc) throws XmlCodecException {
        if (polls == null) {
            return decode(doc, OadrPayload.class);
        }
        OadrPayload proven = polls.match(doc);
        if (proven != null) {
            return proven;
        }
        OadrPayload payload = decode(doc, OadrPayload.class);
        polls.offer(doc, payload, d -> decode(d, OadrPayload.class));
        return payload;
    }

    /** The shapes of unsigned oadrPoll bodies proven so far (tests and diagnostics); null without validation. */
    PollShapes pollShapes() {
        return polls;
    }

    /** Reads an {@code oadrPayload} document and returns the message inside its {@code oadrSignedObject}. */
    public Object decodeMessage(byte[] doc) throws XmlCodecException {
        return unwrap(decodePayload(doc));
    }

    /** Wraps a message in {@code oadrPayload/oadrSignedObject} and writes it. */
    public byte[] encodePayload(Object message) throws XmlCodecException {
        return encode(wrap(message));
    }

    /** Puts a message (e.g. an {@code OadrDistributeEventType}) into a new {@code oadrPayload} envelope. */
    public OadrPayload wrap(Object message) {
        Method[] slot = slots.get(message.getClass());
        if (slot == null) {
            throw new IllegalArgumentException(message.getClass().getName() + " is not an oadrSignedObject message");
        }
        OadrSignedObject signed = new OadrSignedObject();
        try {
            slot[1].invoke(signed, message);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        OadrPayload payload = new OadrPayload();
        payload.setOadrSignedObject(signed);
        return payload;
    }

    /** The message inside an {@code oadrPayload} envelope. */
    public Object unwrap(OadrPayload payload) throws XmlCodecException {
        OadrSignedObject signed = payload.getOadrSignedObject();
        if (signed != null && signed.getOadrPoll() != null) {
            return signed.getOadrPoll(); // the commonest message, without reflection (issue #18)
        }
        if (signed != null) {
            for (Method[] slot : slots.values()) {
                try {
                    Object m = slot[0].invoke(signed);
                    if (m != null) {
                        return m;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new XmlCodecException(XmlCodecException.Kind.SCHEMA_INVALID, "oadrSignedObject holds no message");
    }

    private static List<Class<?>> objectFactories() {
        try {
            Class<?>[] out = new Class<?>[PACKAGES.length];
            for (int i = 0; i < PACKAGES.length; i++) {
                out[i] = Class.forName(PACKAGES[i] + ".ObjectFactory");
            }
            return List.of(out);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<Class<?>, Method[]> signedObjectSlots() {
        Map<Class<?>, Method[]> out = new LinkedHashMap<>();
        for (Method getter : OadrSignedObject.class.getMethods()) {
            String name = getter.getName();
            if (!name.startsWith("getOadr") || getter.getParameterCount() != 0) {
                continue;
            }
            try {
                Method setter = OadrSignedObject.class.getMethod("set" + name.substring(3), getter.getReturnType());
                out.put(getter.getReturnType(), new Method[] {getter, setter});
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("oadrSignedObject slot without setter: " + name, e);
            }
        }
        return Map.copyOf(out);
    }
}
