package org.openvtn.store;

/** Unchecked wrapper for persistence failures (SQL errors never leak through the store API). */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
