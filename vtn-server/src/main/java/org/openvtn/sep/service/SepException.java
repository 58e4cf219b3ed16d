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

    public int status() {
        return status;
    }

    /** @return the reasonCode, or null when the response has no body */
    public Integer reasonCode() {
        return reasonCode;
    }
}
