package org.openvtn.certs.pki;

/** A key, certificate, CRL or key store could not be created, read or written. */
public class PkiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }

    public PkiException(String message) {
        super(message);
    }
}
