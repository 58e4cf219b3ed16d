package org.openvtn.sep.http;

/**
 * What a route produces (IEEE 2030.5-2018 §5.5 HTTP): status, optional resource body (encoded and
 * validated by the handler), optional {@code Location}.
 *
 * @param status   HTTP status
 * @param body     schema object or null
 * @param location Location header or null
 */
record SepReply(int status, Object body, String location) {

    static SepReply ok(Object body) {
        return new SepReply(200, body, null);
    }

    static SepReply created(String location) {
        return new SepReply(201, null, location);
    }

    static SepReply noContent() {
        return new SepReply(204, null, null);
    }
}
