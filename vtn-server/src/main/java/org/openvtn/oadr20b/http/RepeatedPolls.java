package org.openvtn.oadr20b.http;

import java.util.Arrays;
import javax.net.ssl.SSLSession;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.oadr20b.OadrPayload;
import org.openvtn.schemas.oadr20b.OadrPollType;

/**
 * Issue #18: a VEN polls with the same bytes every time (OpenADR 2.0b 8.7: an {@code oadrPoll} holds only its
 * {@code venID} and schema version). The validating codec's verdict is a function of the bytes alone, so a body
 * byte-for-byte equal to the last unsigned {@code oadrPoll} this TLS session sent and the codec accepted has the same
 * verdict and the same content; it is not parsed, validated and bound a second time. Every other body (a different
 * byte, another message, a signed payload, anything larger than {@value #MAX_BYTES} bytes) goes through the codec.
 * The remembered body is per TLS session (one client certificate) and at most {@value #MAX_BYTES} bytes.
 */
final class RepeatedPolls {
    /** Largest body remembered; an oadrPoll with a 2.0b venID is about 300 bytes. */
    static final int MAX_BYTES = 1024;
    private static final String KEY = "org.openvtn.oadr20b.acceptedPoll";

    /** An accepted unsigned oadrPoll: its exact bytes and what the codec bound them to. */
    private record Accepted(byte[] body, String venId, String schemaVersion) {
    }

    private RepeatedPolls() {
    }

    /**
     * The payload the codec produced for these exact bytes earlier on this TLS session, as a fresh object; null when
     * the bytes are not those of the session's last accepted unsigned oadrPoll.
     */
    static OadrPayload known(SSLSession session, byte[] body, OadrCodec codec) {
        if (session == null || body.length > MAX_BYTES
                || !(session.getValue(KEY) instanceof Accepted seen) || !Arrays.equals(seen.body(), body)) {
            return null;
        }
        OadrPollType poll = new OadrPollType();
        poll.setVenID(seen.venId());
        poll.setSchemaVersion(seen.schemaVersion());
        return codec.wrap(poll);
    }

    /** Remembers a body the validating codec accepted, if it is an unsigned oadrPoll small enough. */
    static void accepted(SSLSession session, byte[] body, OadrPayload payload, Object message) {
        if (session != null && body.length <= MAX_BYTES && payload.getSignature() == null
                && message instanceof OadrPollType poll) {
            session.putValue(KEY, new Accepted(body.clone(), poll.getVenID(), poll.getSchemaVersion()));
        }
    }
}
