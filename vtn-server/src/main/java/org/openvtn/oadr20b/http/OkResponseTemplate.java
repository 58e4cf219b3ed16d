package org.openvtn.oadr20b.http;

import java.nio.charset.StandardCharsets;
import org.openvtn.oadr20b.service.OadrMapping;
import org.openvtn.oadr20b.service.OadrValues;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.ei.EiResponseType;

/**
 * The bytes of the one answer an idle VEN gets to every oadrPoll (OpenADR 2.0b profile §8.5, "oadrPoll": an
 * {@code oadrResponse} with responseCode 200 when nothing is queued), produced from a template instead of JAXB
 * marshalling and outgoing validation per poll (issue #18).
 *
 * <p>Why it cannot send an invalid document: the template is not written by hand; it is the output of the server's
 * own validating codec for the same answer with a placeholder venID, cut around the placeholder. The only part that
 * varies is the text of {@code ei:venID}, which the schema types {@code xs:string} (oadr_ei_20b.xsd), so every
 * string of XML characters, escaped, keeps the document valid. {@link #render} takes only venIDs of printable ASCII
 * (what OpenVTN issues) and escapes {@code & < >} exactly as the marshaller does; any other venID returns null and
 * the caller marshals and validates as before. {@code OkResponseTemplateTest} proves byte equality with the codec's
 * output and validity against the published XSD.
 */
final class OkResponseTemplate {
    private static final String PLACEHOLDER = "venID-placeholder-4f1c9e";

    private final byte[] head;
    private final byte[] tail;

    private OkResponseTemplate(byte[] head, byte[] tail) {
        this.head = head;
        this.tail = tail;
    }

    /**
     * @param codec the server's codec (validation on in production)
     * @return the template, or null if the codec's output cannot be cut around the placeholder
     */
    static OkResponseTemplate of(OadrCodec codec) {
        try {
            String doc = new String(codec.encodePayload(OadrMapping.response(OadrValues.ok(null), PLACEHOLDER)),
                    StandardCharsets.UTF_8);
            int at = doc.indexOf(PLACEHOLDER);
            if (at < 0 || doc.indexOf(PLACEHOLDER, at + 1) >= 0) {
                return null;
            }
            return new OkResponseTemplate(doc.substring(0, at).getBytes(StandardCharsets.UTF_8),
                    doc.substring(at + PLACEHOLDER.length()).getBytes(StandardCharsets.UTF_8));
        } catch (XmlCodecException e) {
            return null;
        }
    }

    /**
     * Whether {@code answer} is exactly what {@code OadrMapping.response(OadrValues.ok(null), venId)} builds: schema
     * version 2.0b, responseCode 200, description "OK", empty requestID, a venID and nothing else.
     */
    static boolean matches(Object answer) {
        if (!(answer instanceof OadrResponseType r) || r.getClass() != OadrResponseType.class) {
            return false;
        }
        EiResponseType e = r.getEiResponse();
        return OadrValues.SCHEMA_VERSION.equals(r.getSchemaVersion()) && r.getVenID() != null && e != null
                && e.getClass() == EiResponseType.class && "200".equals(e.getResponseCode())
                && "OK".equals(e.getResponseDescription()) && "".equals(e.getRequestID());
    }

    /** @return the document for {@code venId}, or null when it is not printable ASCII (marshal it instead) */
    byte[] render(String venId) {
        int n = venId.length();
        int extra = 0;
        for (int i = 0; i < n; i++) {
            char c = venId.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return null;
            }
            extra += c == '&' ? 4 : c == '<' || c == '>' ? 3 : 0;
        }
        byte[] out = new byte[head.length + n + extra + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        int p = head.length;
        for (int i = 0; i < n; i++) {
            char c = venId.charAt(i);
            String esc = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : null;
            if (esc == null) {
                out[p++] = (byte) c;
            } else {
                for (int k = 0; k < esc.length(); k++) {
                    out[p++] = (byte) esc.charAt(k);
                }
            }
        }
        System.arraycopy(tail, 0, out, p, tail.length);
        return out;
    }
}
