package org.openvtn.ven.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.UUID;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

import org.openvtn.schemas.oadr20b.ei.EiResponseType;
import org.openvtn.schemas.oadr20b.xcal.Dtstart;
import org.openvtn.schemas.oadr20b.xcal.DurationPropType;
import org.openvtn.ven.VenException;

/** Conversions between the schema's date, duration and response types and java.time. Internal. */
public final class Xml {

    /** schemaVersion written on every payload (conformance rule 509). */
    public static final String SCHEMA_VERSION = "2.0b";

    private static final DatatypeFactory DATATYPES;

    static {
        try {
            DATATYPES = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Xml() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A UTC date-time (conformance rule 1). */
    public static XMLGregorianCalendar dateTime(Instant t) {
        GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        c.setGregorianChange(new Date(Long.MIN_VALUE));
        c.setTimeInMillis(t.toEpochMilli());
        return DATATYPES.newXMLGregorianCalendar(c);
    }

    public static Instant instant(XMLGregorianCalendar c) {
        return c == null ? null : c.toGregorianCalendar().toInstant();
    }

    public static Dtstart dtstart(Instant t) {
        Dtstart d = new Dtstart();
        d.setDateTime(dateTime(t));
        return d;
    }

    /** An xcal duration; the schema allows whole seconds only, so fractions are rounded up, negatives are zero. */
    public static DurationPropType duration(Duration d) {
        DurationPropType p = new DurationPropType();
        p.setDuration(text(d));
        return p;
    }

    /** The schema's lexical form of a duration (whole seconds, e.g. {@code PT1H30M}). */
    public static String text(Duration d) {
        if (d.isNegative()) {
            return "PT0S";
        }
        long secs = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(secs).toString();
    }

    /** Parses an xcal duration (ISO 8601, weeks and years included); null or empty is zero. */
    public static Duration duration(String s) {
        if (s == null || s.isBlank()) {
            return Duration.ZERO;
        }
        String t = s.trim();
        try {
            return Duration.parse(t);
        } catch (RuntimeException e) {
            try {
                if (t.matches("[+-]?P\\d+W")) {
                    long weeks = Long.parseLong(t.replaceAll("[^0-9]", ""));
                    return Duration.ofDays(7 * weeks);
                }
                return Duration.ofMillis(DATATYPES.newDuration(t).getTimeInMillis(new Date(0)));
            } catch (RuntimeException e2) {
                throw VenException.protocol(VenException.INVALID_DATA, "bad duration '" + s + "'");
            }
        }
    }

    public static Duration duration(DurationPropType p) {
        return p == null ? Duration.ZERO : duration(p.getDuration());
    }

    public static EiResponseType response(int code, String description, String requestId) {
        EiResponseType r = new EiResponseType();
        r.setResponseCode(Integer.toString(code));
        r.setResponseDescription(description);
        r.setRequestID(requestId == null ? "" : requestId);
        return r;
    }

    public static EiResponseType ok(String requestId) {
        return response(200, "OK", requestId);
    }

    /** The numeric code of an eiResponse, 0 when it is not a number. */
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
