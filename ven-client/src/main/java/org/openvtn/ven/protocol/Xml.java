package org.openvtn.ven.protocol;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.xml.datatype.XMLGregorianCalendar;

import org.openvtn.schemas.OadrValueTypes;
import org.openvtn.schemas.oadr20b.ei.EiResponseType;
import org.openvtn.schemas.oadr20b.xcal.Dtstart;
import org.openvtn.schemas.oadr20b.xcal.DurationPropType;
import org.openvtn.ven.VenException;

/** Conversions between the schema's date, duration and response types and java.time. Internal. */
public final class Xml {

    /** schemaVersion written on every payload (conformance rule 509). */
    public static final String SCHEMA_VERSION = OadrValueTypes.SCHEMA_VERSION;

    private Xml() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A UTC date-time (conformance rule 1), to the millisecond. */
    public static XMLGregorianCalendar dateTime(Instant t) {
        return OadrValueTypes.dateTime(t.truncatedTo(ChronoUnit.MILLIS));
    }

    public static Instant instant(XMLGregorianCalendar c) {
        return OadrValueTypes.instant(c);
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
        try {
            return OadrValueTypes.parseDuration(s);
        } catch (IllegalArgumentException e) {
            throw VenException.protocol(VenException.INVALID_DATA, "bad duration '" + s + "'");
        }
    }

    public static Duration duration(DurationPropType p) {
        return p == null ? Duration.ZERO : duration(p.getDuration());
    }

    public static EiResponseType response(int code, String description, String requestId) {
        return OadrValueTypes.response(code, description, requestId);
    }

    public static EiResponseType ok(String requestId) {
        return OadrValueTypes.ok(requestId);
    }

    /** The numeric code of an eiResponse, 0 when it is not a number. */
    public static int code(EiResponseType r) {
        return OadrValueTypes.code(r);
    }
}
