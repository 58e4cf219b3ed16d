package org.openvtn.oadr3.service;

/**
 * An OpenADR 3.1 error with the HTTP status the definition gives for it (openadr3.yaml {@code components/responses}:
 * 400 badRequest, 401 unauthorized, 403 forbidden, 404 notFound, 409 conflict, 500, 501 notImplemented); the HTTP
 * adapter renders it as an RFC 7807 {@code problem} ({@code application/problem+json}).
 */
public final class Oadr3Exception extends RuntimeException {
    private final int status;
    private final String title;

    public Oadr3Exception(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static Oadr3Exception badRequest(String detail) {
        return new Oadr3Exception(400, "Bad Request", detail);
    }

    public static Oadr3Exception unauthorized(String detail) {
        return new Oadr3Exception(401, "Unauthorized", detail);
    }

    public static Oadr3Exception forbidden(String detail) {
        return new Oadr3Exception(403, "Forbidden", detail);
    }

    public static Oadr3Exception notFound(String detail) {
        return new Oadr3Exception(404, "Not Found", detail);
    }

    public static Oadr3Exception conflict(String detail) {
        return new Oadr3Exception(409, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
