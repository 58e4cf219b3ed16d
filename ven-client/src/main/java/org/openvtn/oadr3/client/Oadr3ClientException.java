package org.openvtn.oadr3.client;

/**
 * A failed OpenADR 3.1 exchange. For an HTTP error answer it carries the RFC 7807 problem the VTN sent
 * ({@code application/problem+json}, schema {@code problem} of openadr3.yaml 3.1.0): {@link #status()},
 * {@link #title()}, {@link #detail()}; the token endpoint's RFC 6749 §5.2 {@code authError} is mapped to the same
 * fields (title = {@code error}, detail = {@code error_description}). Transport failures (connection, TLS, timeout)
 * have status 0.
 */
public final class Oadr3ClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final String detail;

    public Oadr3ClientException(int status, String title, String detail, Throwable cause) {
        super(message(status, title, detail), cause);
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    private static String message(int status, String title, String detail) {
        StringBuilder b = new StringBuilder();
        b.append(status == 0 ? "transport" : "HTTP " + status);
        if (title != null && !title.isEmpty()) {
            b.append(' ').append(title);
        }
        if (detail != null && !detail.isEmpty()) {
            b.append(": ").append(detail);
        }
        return b.toString();
    }

    /** @return the HTTP status (the problem's {@code status} when it names one), 0 for a transport failure */
    public int status() {
        return status;
    }

    /** @return the problem's {@code title} (or the authError code), may be null */
    public String title() {
        return title;
    }

    /** @return the problem's {@code detail} (or {@code error_description}), may be null */
    public String detail() {
        return detail;
    }
}
