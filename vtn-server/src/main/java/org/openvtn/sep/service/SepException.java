package org.openvtn.sep.service;

/**
 * A 2030.5 request failure carrying the HTTP status and, where the standard defines one, the
 * {@code Error.reasonCode} (IEEE 2030.5-2018 §5.5 HTTP and the Error object, Table 8: 0 invalid
 * request format, 1 invalid request values, 2 resource limit reached).
 */
public final class SepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Error.reasonCode 0: invalid request format. */
    public static final int INVALID_FORMAT = 0;
    /** Error.reasonCode 1: invalid request values. */
    public static final int INVALID_VALUES = 1;
    /** Error.reasonCode 2: resource limit reached. */
    public static final int RESOURCE_LIMIT = 2;

    private final int status;
    private final Integer reasonCode;

    /**
     * @param status     HTTP status
     * @param reasonCode Error.reasonCode, or null for a response without an Error body
     * @param message    log/diagnostic text (never sent to the client)
     */
    public SepException(int status, Integer reasonCode, String message) {
        super(message);
        this.status = status;
        this.reasonCode = reasonCode;
    }

    /** @return 400 with an Error body (reasonCode 0 or 1) */
    public static SepException badRequest(int reasonCode, String message) {
        return new SepException(400, reasonCode, message);
    }

    /** @return 404 without body */
    public static SepException notFound(String message) {
        return new SepException(404, null, message);
    }

    /** @return 403 with reasonCode 1 (CSIP-AUS S-ALL-52: LFDI does not match the certificate) */
    public static SepException forbidden(String message) {
        return new SepException(403, INVALID_VALUES, message);
    }

    /**
     * The IEEE 2030.5 adapter's mapping of a core error (issue #13) to HTTP (IEEE 2030.5-2018 §5.5): an unknown or
     * foreign ID is 404 (S-ALL-05: a resource not the caller's does not exist for it), a participant that is not
     * registered or authorized 403, an operation not allowed now or a quota reached 400 reasonCode 2, any invalid
     * input 400 reasonCode 1, a storage or other failure 500.
     *
     * @param e the core's exception
     * @return the 2030.5 failure
     */
    public static SepException from(org.openvtn.core.VtnException e) {
        return switch (e.errorCode()) {
            case INVALID_ID -> notFound(e.getMessage());
            case NOT_REGISTERED_OR_AUTHORIZED -> forbidden(e.getMessage());
            case NOT_ALLOWED -> badRequest(RESOURCE_LIMIT, e.getMessage());
            case BAD_REQUEST, NOT_RECOGNIZED -> badRequest(INVALID_FORMAT, e.getMessage());
            case OUT_OF_SEQUENCE, INVALID_DATA, COMPLIANCE_ERROR, SIGNAL_NOT_SUPPORTED, REPORT_NOT_SUPPORTED,
                    TARGET_MISMATCH -> badRequest(INVALID_VALUES, e.getMessage());
            case OTHER -> new SepException(500, null, e.getMessage());
        };
    }

    public int status() {
        return status;
    }

    /** @return the reasonCode, or null when the response has no body */
    public Integer reasonCode() {
        return reasonCode;
    }
}
