package org.openvtn.conformance.oadr20b;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Finds the element at which schema validation first fails, as an element path like the other rules report
 * (the validator itself only gives line and column). Used after the codec's validation has already refused the
 * document; the codec stays the judge.
 */
final class XsdLocator {

    private XsdLocator() {
    }

    /** Path of the element open when the first schema error was reported, or null if none found. */
    static String firstErrorPath(Schema schema, byte[] doc) {
        Tracker tracker = new Tracker();
        try {
            SAXParserFactory f = org.openvtn.schemas.SecureXmlInput.saxParserFactory();
            XMLReader reader = f.newSAXParser().getXMLReader();
            ValidatorHandler vh = schema.newValidatorHandler();
            vh.setErrorHandler(tracker.errors);
            tracker.setContentHandler(vh);
            reader.setContentHandler(tracker);
            reader.setErrorHandler(tracker.errors);
            reader.parse(new InputSource(new ByteArrayInputStream(doc)));
            return tracker.found;
        } catch (Exception e) {
            return tracker.found;
        }
    }

    private static final class Tracker extends XMLFilterImpl {
        private final Deque<String> path = new ArrayDeque<>();
        private final Deque<Map<String, Integer>> counts = new ArrayDeque<>();
        private String found;
        final ErrorHandler errors = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                record();
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                record();
                throw e;
            }
        };

        Tracker() {
            counts.push(new HashMap<>());
        }

        private void record() {
            if (found == null) {
                List<String> steps = new ArrayList<>(path);
                java.util.Collections.reverse(steps);
                found = "/" + String.join("/", steps);
            }
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            int n = counts.peek().merge(localName, 1, Integer::sum);
            path.push(n > 1 ? localName + "[" + n + "]" : localName);
            counts.push(new HashMap<>());
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            super.endElement(uri, localName, qName);
            path.pop();
            counts.pop();
        }
    }
}
