package org.openvtn.schemas;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.openvtn.schemas.oadr20b.ei.EiResponseType;

/**
 * Conversions between java.time and the OpenADR 2.0b simple types, shared by the VTN and the VEN library:
 * UTC date-times (conformance rule 1), xcal/xs durations, and the {@code eiResponse} envelope.
 */
public final class OadrValueTypes {

    /** {@code ei:schemaVersion} written on every payload (conformance rule 509). */
    public static final String SCHEMA_VERSION = "2.0b";

    private static final DatatypeFactory DATATYPES;

    static {
        try {
            DATATYPES = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private OadrValueTypes() {
    }

    /** The instant as an xs:dateTime in UTC ({@code Z}), with the precision the instant has. */
    public static XMLGregorianCalendar dateTime(Instant instant) {
        return DATATYPES.newXMLGregorianCalendar(instant.toString());
    }

    /** The instant of an xs:dateTime, or null for null. */
    public static Instant instant(XMLGregorianCalendar cal) {
        return cal == null ? null : cal.toGregorianCalendar().toInstant();
    }

    /**
     * Parses an xcal/xs duration: ISO 8601 as java.time reads it ({@code PT15M}, {@code P1D}, {@code -PT5S}), weeks
     * ({@code P1W}, optionally signed) and the remaining xs:duration forms (years, months).
     *
     * @throws IllegalArgumentException when the text is not a duration
     */
    public static Duration parseDuration(String text) {
        String v = text.trim();
        try {
            return Duration.parse(v);
        } catch (RuntimeException notJavaTime) {
            boolean negative = v.startsWith("-");
            String body = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
            try {
                Duration d = body.matches("P\\d+W")
                        ? Duration.ofDays(7 * Long.parseLong(body.substring(1, body.length() - 1)))
                        : Duration.ofMillis(DATATYPES.newDuration(body).getTimeInMillis(new Date(0)));
                return negative ? d.negated() : d;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration", e);
            }
        }
    }

    /** An {@code eiResponse} with a code, a description and the echoed requestID (empty when none). */
    public static EiResponseType response(int code, String description, String requestId) {
        EiResponseType r = new EiResponseType();
        r.setResponseCode(Integer.toString(code));
        r.setResponseDescription(description);
        r.setRequestID(requestId == null ? "" : requestId);
        return r;
    }

    /** A 200 OK {@code eiResponse}. */
    public static EiResponseType ok(String requestId) {
        return response(200, "OK", requestId);
    }

    /** The numeric code of an {@code eiResponse}, 0 when absent or not a number. */
    public static int code(EiResponseType r) {
        if (r == null || r.getResponseCode() == null) {
            return 0;
        }
        try {
            return Integer.parseInt(r.getResponseCode().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
