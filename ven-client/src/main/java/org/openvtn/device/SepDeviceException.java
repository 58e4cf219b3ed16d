package org.openvtn.device;

/**
 * A failure of the 2030.5 device client, carrying the protocol's own code: the HTTP status the server answered
 * (IEEE 2030.5-2018 §5.5) and, when it sent an {@code Error} body, its reasonCode; status 0 means a transport
 * failure (connection, TLS, timeout) or a document that is not schema-valid. No JAXB or Netty type leaks through it.
 */
public class SepDeviceException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int reasonCode;

    /**
     * @param httpStatus the server's HTTP status, 0 for transport or document failures
     * @param reasonCode the Error reasonCode, -1 when there was none
     * @param message    what failed, for an operator
     * @param cause      the underlying failure or null
     */
    public SepDeviceException(int httpStatus, int reasonCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.reasonCode = reasonCode;
    }

    /** The HTTP status the server answered, 0 for a transport or document failure. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The reasonCode of the server's Error body, -1 when there was none. */
    public int reasonCode() {
        return reasonCode;
    }
}
