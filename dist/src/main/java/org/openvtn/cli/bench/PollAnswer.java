package org.openvtn.cli.bench;

import java.io.ByteArrayInputStream;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The load generator's check of an oadrPoll answer (issue #18 item 5), one StAX pass: an {@code oadrPayload} whose
 * {@code oadrSignedObject} holds one of the messages a VTN may answer a poll with (OpenADR 2.0b 8.7: oadrResponse
 * when nothing is queued, else the queued message), and whose {@code ei:responseCode}, where the message carries one,
 * is 200. An oadrDistributeEvent sent on a poll need not carry an {@code eiResponse} (it is optional in the schema and
 * the VTN omits it), so looking for the text {@code >200</} counted such valid answers as errors. Full schema
 * validation stays with every {@code --check-every}-th answer.
 */
final class PollAnswer {
    private static final String OADR = "http://openadr.org/oadr-2.0b/2012/07";
    private static final String EI = "http://docs.oasis-open.org/ns/energyinterop/201110";
    private static final Set<String> ANSWERS = Set.of("oadrResponse", "oadrDistributeEvent", "oadrCreateReport",
            "oadrCancelReport", "oadrRegisterReport", "oadrCancelPartyRegistration", "oadrRequestReregistration");
    private static final XMLInputFactory FACTORY = org.openvtn.schemas.SecureXmlInput.xmlInputFactory();

    private PollAnswer() {
    }

    /** @return null when {@code body} is a good poll answer, else what is wrong with it (for the error sample) */
    static String problem(byte[] body) {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                return problem(r);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            return "not XML: " + e.getMessage();
        }
    }

    private static String problem(XMLStreamReader r) throws XMLStreamException {
        int depth = 0;
        String message = null;
        String code = null;
        while (r.hasNext()) {
            if (r.next() != XMLStreamConstants.START_ELEMENT) {
                if (r.getEventType() == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
                continue;
            }
            depth++;
            String ns = r.getNamespaceURI();
            String name = r.getLocalName();
            if (depth == 1 && !(OADR.equals(ns) && "oadrPayload".equals(name))) {
                return "root is " + name + ", not oadrPayload";
            }
            if (depth == 3 && message == null) {
                message = name;
                if (!OADR.equals(ns) || !ANSWERS.contains(name)) {
                    return name + " is not an answer to oadrPoll";
                }
            }
            if (code == null && EI.equals(ns) && "responseCode".equals(name)) {
                code = r.getElementText().trim();
                depth--; // getElementText consumed the end tag
            }
        }
        if (message == null) {
            return "no message in oadrSignedObject";
        }
        if ("oadrResponse".equals(message) && code == null) {
            return "oadrResponse without responseCode";
        }
        return code == null || "200".equals(code) ? null : message + " with responseCode " + code;
    }
}
