package org.openvtn.oadr20b.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.xml.datatype.XMLGregorianCalendar;
import org.openvtn.core.ErrorCode;
import org.openvtn.core.VtnException;
import org.openvtn.schemas.OadrValueTypes;
import org.openvtn.schemas.oadr20b.ei.EiResponseType;
import org.openvtn.schemas.oadr20b.xcal.DurationPropType;
import org.openvtn.schemas.oadr20b.xcal.Dtstart;

/**
 * Lexical conversions between core values and OpenADR 2.0b simple types: UTC date-times
 * (conformance rule 1), xcal durations, response envelopes. Part of the one 2.0b mapping
 * (see {@link OadrMapping}).
 */
public final class OadrValues {
    /** {@code ei:schemaVersion} written on every payload (conformance rule 509). */
    public static final String SCHEMA_VERSION = OadrValueTypes.SCHEMA_VERSION;

    private OadrValues() {
    }

    /** @return a fresh requestID */
    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /** @return {@code instant} as an xs:dateTime in UTC with a {@code Z} suffix, whole seconds */
    public static XMLGregorianCalendar dateTime(Instant instant) {
        return OadrValueTypes.dateTime(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** @return the instant, or null for null */
    public static Instant instant(XMLGregorianCalendar cal) {
        return OadrValueTypes.instant(cal);
    }

    /** @return an xcal:dtstart */
    public static Dtstart dtstart(Instant instant) {
        Dtstart d = new Dtstart();
        d.setDateTime(dateTime(instant));
        return d;
    }

    /** @return an xcal duration value: whole seconds, never negative, e.g. {@code PT1H30M} */
    public static String durationValue(Duration d) {
        return d.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** @return an xcal:duration wrapper */
    public static DurationPropType durationProp(Duration d) {
        DurationPropType p = new DurationPropType();
        p.setDuration(durationValue(d));
        return p;
    }

    /**
     * Parses an xcal/xs duration ({@code PT15M}, {@code P1D}, {@code P1W}, {@code -PT5S}).
     *
     * @param field name used in the 454 error
     * @return the duration, or null for null/blank input
     * @throws VtnException 454 naming the field when unparsable
     */
    public static Duration duration(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OadrValueTypes.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw VtnException.invalidData(field, field + ": '" + value + "' is not a duration");
        }
    }

    /** @return the duration of a wrapper or null */
    public static Duration duration(DurationPropType p, String field) {
        return p == null ? null : duration(p.getDuration(), field);
    }

    /** @return an eiResponse */
    public static EiResponseType response(int code, String description, String requestId) {
        return OadrValueTypes.response(code, description, requestId);
    }

    /** @return a 200 OK eiResponse */
    public static EiResponseType ok(String requestId) {
        return OadrValueTypes.ok(requestId);
    }

    /** @return the eiResponse for a core rule violation */
    public static EiResponseType error(VtnException e, String requestId) {
        return response(code(e.errorCode()), e.getMessage(), requestId);
    }

    /** Maps the neutral core codes to the 2.0b codes (400 has no 2.0b equivalent: 454). */
    public static int code(ErrorCode c) {
        return c == ErrorCode.BAD_REQUEST ? OadrResponseCodes.of(ErrorCode.INVALID_DATA) : OadrResponseCodes.of(c);
    }
}
