package org.openvtn.certs.tls;

/** A TLS context could not be built from a {@link TlsConfig} (provider, key or trust problem). */
public class TlsSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
