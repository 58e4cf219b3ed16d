package org.openvtn.core;

import java.util.Objects;

/**
 * The one exception type the core services throw for a rule violation. It carries a neutral
 * {@link ErrorCode} and, for validation failures, the name of the offending field (as used by the
 * admin JSON API, e.g. {@code signals[0].intervals[2].value}).
 */
public class VtnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final String field;

    public VtnException(ErrorCode errorCode, String field, String message) {
        super(message);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.field = field;
    }

    public VtnException(ErrorCode errorCode, String message) {
        this(errorCode, null, message);
    }

    public VtnException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.field = null;
    }

    /** Convenience for an unknown ID ({@link ErrorCode#INVALID_ID}). */
    public static VtnException invalidId(String field, String message) {
        return new VtnException(ErrorCode.INVALID_ID, field, message);
    }

    /** Convenience for invalid data ({@link ErrorCode#INVALID_DATA}) naming a field. */
    public static VtnException invalidData(String field, String message) {
        return new VtnException(ErrorCode.INVALID_DATA, field, message);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** @return the offending field name, or {@code null} when not field-specific */
    public String field() {
        return field;
    }
}
