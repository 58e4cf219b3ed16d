package org.openvtn.schemas.dsig;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.XMLGregorianCalendar;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The {@code dsp:ReplayProtect} of a signature ({@code oadr_xmldsig-properties-schema.xsd}): where it sits, which
 * Ids a reference may use to cover it, and its values.
 */
record ReplayProtect(Instant timestamp, String nonce, Set<String> coveringIds) {

    /**
     * Longest accepted nonce, in characters (issue #12 item 3). The profile's nonces are short random strings
     * (this project's signer writes 32 hex digits, others UUIDs); a longer one is refused before anything is
     * verified or remembered.
     */
    static final int MAX_NONCE_CHARS = 128;

    private static final DatatypeFactory DATATYPES;

    static {
        try {
            DATATYPES = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Finds the one ReplayProtect of the signature: it must sit in
     * {@code ds:Signature/ds:Object/ds:SignatureProperties/ds:SignatureProperty}.
     */
    static ReplayProtect find(Element signature) throws OadrSignatureException {
        NodeList found = signature.getElementsByTagNameNS(DsigDom.DSP_NS, "ReplayProtect");
        if (found.getLength() != 1) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED, found.getLength() == 0
                    ? "the signature carries no ReplayProtect property" : "more than one ReplayProtect");
        }
        Element rp = (Element) found.item(0);
        Set<String> ids = new LinkedHashSet<>();
        String[] path = {"SignatureProperty", "SignatureProperties", "Object"};
        Node at = rp;
        for (String name : path) {
            at = at.getParentNode();
            if (!(at instanceof Element e) || !DsigDom.DS_NS.equals(e.getNamespaceURI()) || !name.equals(e.getLocalName())) {
                throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED,
                        "ReplayProtect must sit in ds:Object/ds:SignatureProperties/ds:SignatureProperty");
            }
            if (e.hasAttributeNS(null, "Id")) {
                ids.add(e.getAttributeNS(null, "Id"));
            }
        }
        if (at.getParentNode() != signature) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED,
                    "ReplayProtect's ds:Object is not part of this signature");
        }
        String ts = text(rp, "timestamp");
        String nonce = text(rp, "nonce");
        if (nonce.isEmpty()) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED, "empty ReplayProtect nonce");
        }
        if (nonce.length() > MAX_NONCE_CHARS) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED, "ReplayProtect nonce of "
                    + nonce.length() + " characters is longer than the limit of " + MAX_NONCE_CHARS);
        }
        Instant timestamp;
        try {
            XMLGregorianCalendar cal = DATATYPES.newXMLGregorianCalendar(ts);
            if (cal.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
                cal.setTimezone(0); // interpretation: a timestamp without zone is UTC, as the profile writes UTC
            }
            timestamp = cal.toGregorianCalendar().toInstant();
        } catch (IllegalArgumentException e) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED,
                    "ReplayProtect timestamp is not an xs:dateTime: " + ts, e);
        }
        return new ReplayProtect(timestamp, nonce, Set.copyOf(ids));
    }

    private static String text(Element rp, String name) throws OadrSignatureException {
        Element e = DsigDom.onlyChild(rp, DsigDom.DSP_NS, name);
        if (e == null) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED, "ReplayProtect has no " + name);
        }
        return e.getTextContent().strip();
    }
}
