package org.openvtn.schemas;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
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
 * {@link ValidatorHandler}. Thread-safe; a parser and a handler are created per call (the grammar is shared).
 */
public final class SchemaValidator {

    private final Schema schema;
    private final XmlLimits limits;
    private final SAXParserFactory parsers;

    public SchemaValidator(Schema schema, XmlLimits limits) {
        this.schema = schema;
        this.limits = limits;
        this.parsers = hardenedParsers();
    }

    /** Throws with the line, column and the validator's own message at the first problem. */
    public void validate(byte[] doc) throws XmlCodecException {
        if (doc.length > limits.maxDocumentBytes()) {
            throw new XmlCodecException(XmlCodecException.Kind.TOO_LARGE,
                    "document exceeds the limit of " + limits.maxDocumentBytes() + " bytes (" + doc.length + " bytes)");
        }
        try {
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
            reader.parse(new InputSource(new ByteArrayInputStream(doc)));
        } catch (SAXParseException e) {
            throw fromParse(e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new XmlCodecException(XmlCodecException.Kind.MALFORMED, String.valueOf(e.getMessage()), -1, -1, e);
        }
    }

    private static XmlCodecException fromParse(SAXParseException e) {
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
        SAXParserFactory f = SAXParserFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setXIncludeAware(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser refuses a hardening feature", e);
        }
        return f;
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
