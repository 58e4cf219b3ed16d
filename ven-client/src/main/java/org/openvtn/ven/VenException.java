package org.openvtn.ven;

/**
 * A failure of the client. Protocol failures carry the OpenADR 2.0b response code (450–469 family,
 * e.g. 452 invalid ID, 454 invalid data, 460 signal not supported, 463 not registered); transport
 * failures carry {@link Kind#TRANSPORT} and the code 0. No JAXB, Netty or TLS exception type leaks
 * through: the cause, if any, is for logging only.
 */
public class VenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** 200 OK. */
    public static final int OK = 200;
    /** 450 out of sequence. */
    public static final int OUT_OF_SEQUENCE = 450;
    /** 452 invalid ID. */
    public static final int INVALID_ID = 452;
    /** 454 invalid data (also used for schema-invalid messages). */
    public static final int INVALID_DATA = 454;
    /** 459 compliance error. */
    public static final int COMPLIANCE_ERROR = 459;
    /** 460 signal not supported. */
    public static final int SIGNAL_NOT_SUPPORTED = 460;
    /** 461 report not supported. */
    public static final int REPORT_NOT_SUPPORTED = 461;
    /** 463 not registered or not authorized. */
    public static final int NOT_REGISTERED = 463;
    /** 462 target mismatch: an event addressed to other VENs (conformance rule 21). */
    public static final int TARGET_MISMATCH = 462;

    /** What went wrong, coarsely. */
    public enum Kind {
        /** The VTN answered with an error code, or sent a message the client refuses. */
        PROTOCOL,
        /** The VTN could not be reached, timed out or answered with an HTTP error after all retries. */
        TRANSPORT,
        /** The client is closed. */
        CLOSED
    }

    private final Kind kind;
    private final int responseCode;

    public VenException(Kind kind, int responseCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.responseCode = responseCode;
    }

    /** A protocol error with an OpenADR response code. */
    public static VenException protocol(int code, String message) {
        return new VenException(Kind.PROTOCOL, code, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The OpenADR response code, or 0 for transport failures. */
    public int responseCode() {
        return responseCode;
    }
}
