package org.openvtn.admin.api;

/**
 * The admin API refused a call (non-2xx, with its {@link ErrorJson} when the body had that shape) or could not be
 * reached ({@link #status()} 0).
 */
public final class AdminApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient ErrorJson error;

    public AdminApiException(int status, ErrorJson error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    /** A transport failure ({@code status} 0) with its cause. */
    public AdminApiException(int status, ErrorJson error, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
    }

    /** @return the HTTP status, 0 when no answer was received */
    public int status() {
        return status;
    }

    /** @return the error body, or null when there was none in the API's shape */
    public ErrorJson error() {
        return error;
    }
}
