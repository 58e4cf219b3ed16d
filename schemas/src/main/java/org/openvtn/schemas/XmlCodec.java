package org.openvtn.schemas;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.JAXBIntrospector;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.UnmarshallerHandler;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;
import jakarta.xml.bind.annotation.XmlElementDecl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.glassfish.jaxb.runtime.v2.runtime.MarshallerImpl;
import org.glassfish.jaxb.runtime.v2.runtime.output.ForkXmlOutput;
import org.glassfish.jaxb.runtime.v2.runtime.output.SAXOutput;
import org.glassfish.jaxb.runtime.v2.runtime.unmarshaller.SAXConnector;
import org.glassfish.jaxb.runtime.v2.runtime.unmarshaller.UnmarshallerImpl;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Reads and writes the documents of one published schema set with JAXB, validating every document in and out
 * against the published schema (unless a caller turns that off), through {@link SecureXmlInput}.
 *
 * <p>Thread-safe and cheap per call: the {@link JAXBContext} and {@link Schema} are built once; each thread keeps
 * its own marshaller, unmarshaller and schema validator and reuses them (issue 8: creating them per message cost
 * a third of the VTN's poll path). Validated input is parsed once by the hardened SAX parser of
 * {@link SchemaValidator}, whose events go through the validator into JAXB; validated output is written by JAXB
 * and validated on the way out in the same pass. Both reject exactly what {@link #validate} rejects.
 */
public class XmlCodec {

    private final XmlStandard standard;
    private final JAXBContext context;
    private final Schema schema;
    private final SecureXmlInput input;
    private final SchemaValidator validator;
    private final boolean validateIn;
    private final boolean validateOut;
    private final Map<String, String> prefixes;
    /** Global element for each class that has exactly one, so callers can encode plain objects. */
    private final Map<Class<?>, Method> elementFactories;
    private final Map<Class<?>, Object> factoryInstances;
    private final ThreadLocal<Unmarshaller> unmarshallers = new ThreadLocal<>();
    private final ThreadLocal<Marshaller> marshallers = new ThreadLocal<>();

    protected XmlCodec(XmlStandard standard, JAXBContext context, Schema schema, XmlLimits limits,
                       boolean validateIn, boolean validateOut, Map<String, String> prefixes,
                       List<Class<?>> objectFactories) {
        this.standard = standard;
        this.context = context;
        this.schema = schema;
        this.input = new SecureXmlInput(limits);
        this.validator = new SchemaValidator(schema, limits);
        this.validateIn = validateIn;
        this.validateOut = validateOut;
        this.prefixes = Map.copyOf(prefixes);
        this.elementFactories = new HashMap<>();
        this.factoryInstances = new HashMap<>();
        Set<Class<?>> ambiguous = new HashSet<>();
        for (Class<?> of : objectFactories) {
            try {
                factoryInstances.put(of, of.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + of.getName(), e);
            }
            for (Method m : of.getMethods()) {
                XmlElementDecl decl = m.getAnnotation(XmlElementDecl.class);
                if (decl == null || decl.scope() != XmlElementDecl.GLOBAL.class || m.getParameterCount() != 1) {
                    continue;
                }
                Class<?> type = m.getParameterTypes()[0];
                if (elementFactories.putIfAbsent(type, m) != null) {
                    ambiguous.add(type);
                }
            }
        }
        ambiguous.forEach(elementFactories::remove);
    }

    public XmlStandard standard() {
        return standard;
    }

    public XmlLimits limits() {
        return input.limits();
    }

    /** The compiled published schema this codec validates against. */
    public Schema schema() {
        return schema;
    }

    /** Reads a document from a stream, refusing it as soon as it passes the size limit. */
    public Object decode(InputStream in) throws XmlCodecException, IOException {
        return decode(input.readBounded(in));
    }

    /**
     * Reads one document: a global element of the schema. Returns the bound object ({@link JAXBElement}s are
     * unwrapped to their value).
     */
    public Object decode(byte[] doc) throws XmlCodecException {
        return JAXBIntrospector.getValue(decodeElement(doc));
    }

    /**
     * Reads one document and returns what JAXB bound it to, keeping the {@link JAXBElement} wrapper (and so the
     * element name) for elements whose type is not a root class. {@link #encode} writes it back unchanged.
     */
    public Object decodeElement(byte[] doc) throws XmlCodecException {
        if (validateIn) {
            return decodeValidated(doc);
        }
        XMLStreamReader reader = input.reader(doc);
        FirstError firstError = new FirstError();
        boolean ok = false;
        Unmarshaller um = null;
        try {
            um = unmarshaller();
            um.setEventHandler(firstError);
            Object result = um.unmarshal(reader);
            ok = true;
            return result;
        } catch (JAXBException | RuntimeException e) {
            throw translate(e, firstError);
        } finally {
            done(unmarshallers, um, ok);
            close(reader);
        }
    }

    /** One pass: hardened SAX parser -> limits guard -> schema validator -> JAXB. */
    private Object decodeValidated(byte[] doc) throws XmlCodecException {
        input.checkSize(doc);
        FirstError firstError = new FirstError();
        boolean ok = false;
        Unmarshaller um = null;
        try {
            um = unmarshaller();
            um.setEventHandler(firstError);
            UnmarshallerHandler handler = bindingHandler(um);
            validator.parse(doc, handler);
            Object result = handler.getResult();
            ok = true;
            return result;
        } catch (XmlCodecException e) {
            if (firstError.event != null) {
                throw translate(e, firstError);
            }
            throw e;
        } catch (JAXBException | RuntimeException e) {
            throw translate(e, firstError);
        } finally {
            done(unmarshallers, um, ok);
        }
    }

    /**
     * JAXB's SAX handler for {@code um}. The public {@link Unmarshaller#getUnmarshallerHandler()} interns every
     * element, attribute and prefix name again, which the hardened Xerces parser has already done (SAX feature
     * {@code string-interning}); JAXB's own {@code unmarshal(SAXSource)} skips that pass for such a parser, and so
     * does this (issue #18: a {@code String.intern} per name of every incoming message).
     */
    private UnmarshallerHandler bindingHandler(Unmarshaller um) {
        if (validator.internsNames() && um instanceof UnmarshallerImpl impl) {
            return new SAXConnector(impl.createUnmarshallerHandler(null, false, null), null);
        }
        return um.getUnmarshallerHandler();
    }

    private Unmarshaller unmarshaller() throws JAXBException {
        Unmarshaller um = unmarshallers.get();
        if (um == null) {
            um = context.createUnmarshaller();
        } else {
            unmarshallers.remove(); // taken: a re-entrant call on this thread makes its own
        }
        return um;
    }

    private Marshaller marshaller() throws JAXBException {
        Marshaller m = marshallers.get();
        if (m != null) {
            marshallers.remove();
            return m;
        }
        m = context.createMarshaller();
        m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
        m.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, Boolean.FALSE);
        if (!prefixes.isEmpty()) {
            m.setProperty("org.glassfish.jaxb.namespacePrefixMapper", new Prefixes(prefixes));
        }
        return m;
    }

    /** Puts a (un)marshaller back for this thread's next call, unless the call failed. */
    private static <T> void done(ThreadLocal<T> pool, T item, boolean ok) {
        if (item != null && ok) {
            pool.set(item);
        }
    }

    /** Reads a document and checks that it is of the expected type. */
    public <T> T decode(byte[] doc, Class<T> type) throws XmlCodecException {
        Object o = decode(doc);
        if (!type.isInstance(o)) {
            throw new XmlCodecException(XmlCodecException.Kind.UNSUPPORTED,
                    "expected " + type.getSimpleName() + " but the document holds " + o.getClass().getSimpleName());
        }
        return type.cast(o);
    }

    /** Validates a document against the published schema without binding it. */
    public void validate(byte[] doc) throws XmlCodecException {
        validator.validate(doc);
    }

    /**
     * Writes an object as a document: a JAXB root element, a {@link JAXBElement}, or an object of a type that
     * has exactly one global element in the schema. Validated against the published schema unless turned off.
     */
    public byte[] encode(Object value) throws XmlCodecException {
        Object root = asRoot(value);
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        FirstError firstError = new FirstError();
        Marshaller m = null;
        ValidatorHandler check = null;
        boolean ok = false;
        try {
            m = marshaller();
            m.setEventHandler(firstError);
            if (validateOut && m instanceof MarshallerImpl impl) {
                // JAXB's own marshal-with-schema, but with this thread's reusable validator (see class doc).
                check = validator.acquireHandler();
                XMLFilterImpl interning = new XMLFilterImpl() {
                    @Override
                    public void startPrefixMapping(String prefix, String uri) throws SAXException {
                        super.startPrefixMapping(prefix.intern(), uri.intern());
                    }
                };
                interning.setContentHandler(check);
                impl.marshal(root, new ForkXmlOutput(new SAXOutput(interning), impl.createWriter(out, "UTF-8")));
            } else {
                m.setSchema(validateOut ? schema : null);
                m.marshal(root, out);
            }
            ok = true;
            return out.toByteArray();
        } catch (JAXBException | RuntimeException e) {
            XmlCodecException x = invalidOutput(e);
            if (x == null) {
                x = translate(e, firstError);
            }
            throw new XmlCodecException(x.kind() == XmlCodecException.Kind.SCHEMA_INVALID
                    ? XmlCodecException.Kind.SCHEMA_INVALID : XmlCodecException.Kind.ENCODING,
                    "cannot write " + value.getClass().getSimpleName() + ": " + x.getMessage(), -1, -1, e);
        } finally {
            if (check != null) {
                validator.releaseHandler(check, ok);
            }
            done(marshallers, m, ok);
        }
    }

    /** The validator's complaint about output, found in the cause chain of a marshalling failure; else null. */
    private static XmlCodecException invalidOutput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SAXParseException sp) {
                return SchemaValidator.fromParse(sp);
            }
            if (t instanceof JAXBException je && je.getLinkedException() instanceof SAXParseException sp) {
                return SchemaValidator.fromParse(sp);
            }
        }
        return null;
    }

    /** The JAXB context of the codec (for subclasses that bind documents in other ways, e.g. with a Binder). */
    protected final JAXBContext context() {
        return context;
    }

    /** {@code value} as a root element (see {@link #encode}). */
    protected final Object rootOf(Object value) throws XmlCodecException {
        return asRoot(value);
    }

    private Object asRoot(Object value) throws XmlCodecException {
        if (value instanceof JAXBElement<?> || context.createJAXBIntrospector().isElement(value)) {
            return value;
        }
        Method factory = elementFactories.get(value.getClass());
        if (factory == null) {
            throw new XmlCodecException(XmlCodecException.Kind.ENCODING, value.getClass().getName()
                    + " is not a global element of " + standard.title() + "; pass a JAXBElement");
        }
        try {
            return factory.invoke(factoryInstances.get(factory.getDeclaringClass()), value);
        } catch (ReflectiveOperationException e) {
            throw new XmlCodecException(XmlCodecException.Kind.ENCODING, "cannot wrap " + value.getClass(), -1, -1, e);
        }
    }

    /** The root element name of a document, read without binding (used to route and to detect the standard). */
    public QName rootElement(byte[] doc) throws XmlCodecException {
        return input.rootElement(doc);
    }

    private static XmlCodecException translate(Throwable e, FirstError firstError) {
        if (firstError.event != null) {
            ValidationEvent ev = firstError.event;
            ValidationEventLocator loc = ev.getLocator();
            Throwable linked = ev.getLinkedException();
            boolean wellFormed = !(linked instanceof SAXParseException sp && sp.getMessage() != null
                    && !sp.getMessage().startsWith("cvc-"));
            return new XmlCodecException(wellFormed ? XmlCodecException.Kind.SCHEMA_INVALID : XmlCodecException.Kind.MALFORMED,
                    clean(ev.getMessage()), loc == null ? -1 : loc.getLineNumber(), loc == null ? -1 : loc.getColumnNumber(), e);
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SecureXmlInput.GuardException g) {
                return g.toCodecException();
            }
            if (t instanceof XMLStreamException xse) {
                return SecureXmlInput.malformed(xse);
            }
            if (t instanceof JAXBException je && je.getLinkedException() != null && je.getLinkedException() != t) {
                XmlCodecException inner = translate(je.getLinkedException(), firstError);
                if (inner.kind() != XmlCodecException.Kind.ENCODING) {
                    return inner;
                }
            }
        }
        return new XmlCodecException(XmlCodecException.Kind.ENCODING, String.valueOf(e.getMessage()), -1, -1, e);
    }

    private static String clean(String message) {
        return message == null ? "invalid" : message.replace('\n', ' ').strip();
    }

    private static void close(XMLStreamReader reader) {
        try {
            reader.close();
        } catch (XMLStreamException ignored) {
            // in-memory input: nothing to release
        }
    }

    /** Stops at the first validation problem and keeps it for the error message. */
    private static final class FirstError implements jakarta.xml.bind.ValidationEventHandler {
        ValidationEvent event;

        @Override
        public boolean handleEvent(ValidationEvent e) {
            if (e.getSeverity() == ValidationEvent.WARNING) {
                return true;
            }
            if (event == null) {
                event = e;
            }
            return false;
        }
    }

    private static final class Prefixes extends org.glassfish.jaxb.runtime.marshaller.NamespacePrefixMapper {
        private final Map<String, String> prefixes;

        Prefixes(Map<String, String> prefixes) {
            this.prefixes = prefixes;
        }

        @Override
        public String getPreferredPrefix(String namespaceUri, String suggestion, boolean requirePrefix) {
            String p = prefixes.get(namespaceUri);
            if (p == null) {
                return suggestion;
            }
            return p.isEmpty() && requirePrefix ? suggestion : p;
        }
    }
}
