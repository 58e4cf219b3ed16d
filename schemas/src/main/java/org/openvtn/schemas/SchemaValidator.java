package org.openvtn.schemas;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Validates documents against a compiled published schema. The document is parsed by a hardened SAX parser
 * (DOCTYPE refused, no external entities, secure processing, bounded depth and attribute count) that feeds a
 * {@link ValidatorHandler}. Thread-safe: each thread reuses its own parser and handler (both reset at the start
 * of every document; the grammar is shared), because building a Xerces validator per document costs more than
 * validating a small message (issue 8 profile). A session that failed is dropped, never reused.
 */
public final class SchemaValidator {

    private final Schema schema;
    private final XmlLimits limits;
    private final SAXParserFactory parsers;
    private final ThreadLocal<Session> sessions = new ThreadLocal<>();

    private final boolean internsNames;

    public SchemaValidator(Schema schema, XmlLimits limits) {
        this.schema = schema;
        this.limits = limits;
        this.parsers = hardenedParsers();
        this.internsNames = interning(parsers);
    }

    /** Whether the parser hands on names as interned strings (SAX {@code string-interning}; Xerces always does). */
    boolean internsNames() {
        return internsNames;
    }

    private static boolean interning(SAXParserFactory parsers) {
        try {
            return parsers.newSAXParser().getXMLReader().getFeature("http://xml.org/sax/features/string-interning");
        } catch (SAXException | ParserConfigurationException e) {
            return false;
        }
    }

    /** One thread's parser, limit guard and validator; {@code busy} guards against re-entrant use. */
    private static final class Session {
        final XMLReader reader;
        final Guard guard;
        final ValidatorHandler handler;
        boolean busy;

        Session(XMLReader reader, Guard guard, ValidatorHandler handler) {
            this.reader = reader;
            this.guard = guard;
            this.handler = handler;
        }
    }

    private Session acquire() throws SAXException, ParserConfigurationException {
        Session s = sessions.get();
        if (s == null || s.busy) {
            XMLReader reader = parsers.newSAXParser().getXMLReader();
            ValidatorHandler vh = schema.newValidatorHandler();
            vh.setErrorHandler(STRICT);
            Guard guard = new Guard(limits);
            guard.setContentHandler(vh);
            guard.setErrorHandler(STRICT);
            reader.setContentHandler(guard);
            reader.setErrorHandler(STRICT);
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external resource refused: " + systemId);
            });
            s = new Session(reader, guard, vh);
            if (sessions.get() == null) {
                sessions.set(s);
            }
        }
        s.busy = true;
        return s;
    }

    private void release(Session s, boolean ok) {
        s.busy = false;
        s.handler.setContentHandler(null);
        s.guard.setContentHandler(s.handler);
        if (!ok && sessions.get() == s) {
            sessions.remove();
        }
    }

    /**
     * A validator for output a caller produces as SAX events (the codec's encoder): this thread's reusable
     * handler, throwing {@link SAXParseException} at the first problem. Call {@link #releaseHandler} after use.
     */
    ValidatorHandler acquireHandler() throws XmlCodecException {
        try {
            Session s = acquire();
            s.handler.setContentHandler(null);
            return s.handler;
        } catch (SAXException | ParserConfigurationException e) {
            throw new XmlCodecException(XmlCodecException.Kind.ENCODING, String.valueOf(e.getMessage()), -1, -1, e);
        }
    }

    void releaseHandler(ValidatorHandler handler, boolean ok) {
        Session s = sessions.get();
        if (s != null && s.handler == handler) {
            release(s, ok);
        }
    }

    /** Throws with the line, column and the validator's own message at the first problem. */
    public void validate(byte[] doc) throws XmlCodecException {
        if (doc.length > limits.maxDocumentBytes()) {
            throw new XmlCodecException(XmlCodecException.Kind.TOO_LARGE,
                    "document exceeds the limit of " + limits.maxDocumentBytes() + " bytes (" + doc.length + " bytes)");
        }
        parse(doc, null);
    }

    /**
     * Parses and validates a document and passes its (valid so far) SAX events on to {@code downstream}, e.g. a
     * JAXB {@code UnmarshallerHandler}, so binding and validation share one pass. Throws at the first problem,
     * as {@link #validate}; an exception thrown by {@code downstream} arrives as a MALFORMED failure whose cause
     * chain holds it.
     */
    void parse(byte[] doc, org.xml.sax.ContentHandler downstream) throws XmlCodecException {
        Session s = null;
        boolean ok = false;
        try {
            s = acquire();
            s.guard.reset();
            // Downstream sees the document as written, not the validator's output (which adds schema defaults).
            s.guard.setContentHandler(downstream == null ? s.handler : new Tee(s.handler, downstream));
            s.reader.parse(new InputSource(new ByteArrayInputStream(doc)));
            ok = true;
        } catch (SAXParseException e) {
            throw fromParse(e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new XmlCodecException(XmlCodecException.Kind.MALFORMED, String.valueOf(e.getMessage()), -1, -1, e);
        } finally {
            if (s != null) {
                release(s, ok);
            }
        }
    }

    static XmlCodecException fromParse(SAXParseException e) {
        String msg = e.getMessage() == null ? "invalid" : e.getMessage().replace('\n', ' ').strip();
        XmlCodecException.Kind kind;
        if (e instanceof LimitExceeded) {
            kind = XmlCodecException.Kind.TOO_COMPLEX;
        } else if (msg.startsWith("cvc-")) {
            kind = XmlCodecException.Kind.SCHEMA_INVALID;
        } else if (msg.contains("DOCTYPE")) {
            kind = XmlCodecException.Kind.DTD_FORBIDDEN;
            msg = "DOCTYPE declarations are not allowed (DTDs and entities are refused)";
        } else {
            kind = XmlCodecException.Kind.MALFORMED;
            msg = "not well-formed XML: " + msg;
        }
        return new XmlCodecException(kind, msg, e.getLineNumber(), e.getColumnNumber(), e);
    }

    private static SAXParserFactory hardenedParsers() {
        return SecureXmlInput.saxParserFactory();
    }

    /** Too deep or too many attributes. */
    private static final class LimitExceeded extends SAXParseException {
        private static final long serialVersionUID = 1L;

        LimitExceeded(String message, Locator locator) {
            super(message, locator);
        }
    }

    private static final class Guard extends XMLFilterImpl {
        private final XmlLimits limits;
        private Locator locator;
        private int depth;

        Guard(XmlLimits limits) {
            this.limits = limits;
        }

        void reset() {
            depth = 0;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
            super.setDocumentLocator(locator);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (++depth > limits.maxDepth()) {
                throw new LimitExceeded("elements nested deeper than " + limits.maxDepth() + " levels", locator);
            }
            if (atts.getLength() > limits.maxAttributesPerElement()) {
                throw new LimitExceeded("element <" + localName + "> has more than "
                        + limits.maxAttributesPerElement() + " attributes", locator);
            }
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            depth--;
            super.endElement(uri, localName, qName);
        }
    }

    /** Each event to the validator first (an invalid event never reaches {@code next}), then to {@code next}. */
    private static final class Tee implements org.xml.sax.ContentHandler {
        private final org.xml.sax.ContentHandler first;
        private final org.xml.sax.ContentHandler next;

        Tee(org.xml.sax.ContentHandler first, org.xml.sax.ContentHandler next) {
            this.first = first;
            this.next = next;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            first.setDocumentLocator(locator);
            next.setDocumentLocator(locator);
        }

        @Override
        public void startDocument() throws SAXException {
            first.startDocument();
            next.startDocument();
        }

        @Override
        public void endDocument() throws SAXException {
            first.endDocument();
            next.endDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            first.startPrefixMapping(prefix, uri);
            next.startPrefixMapping(prefix, uri);
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            first.endPrefixMapping(prefix);
            next.endPrefixMapping(prefix);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            first.startElement(uri, localName, qName, atts);
            next.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            first.endElement(uri, localName, qName);
            next.endElement(uri, localName, qName);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            first.characters(ch, start, length);
            next.characters(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            first.ignorableWhitespace(ch, start, length);
            next.ignorableWhitespace(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            first.processingInstruction(target, data);
            next.processingInstruction(target, data);
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            first.skippedEntity(name);
            next.skippedEntity(name);
        }
    }

    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a document invalid
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
