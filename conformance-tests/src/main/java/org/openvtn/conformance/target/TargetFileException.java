package org.openvtn.conformance.target;

/** A target file or flag value is wrong; the message names the source, the key and what is wrong. */
public final class TargetFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public TargetFileException(String source, String key, String message) {
        super(source + ": " + key + ": " + message);
        this.key = key;
    }

    /** The offending key, e.g. {@code admin.tokenFile}. */
    public String key() {
        return key;
    }
}
