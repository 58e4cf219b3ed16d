package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.openvtn.certs.identity.OadrFingerprint;
import org.openvtn.certs.pki.Credential;
import org.openvtn.oadr20b.service.OadrValues;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.OadrQueryRegistrationType;
import org.openvtn.schemas.oadr20b.OadrTransportType;
import org.openvtn.schemas.oadr20b.ei.EiResponseType;

/**
 * A VEN that speaks real 2.0b XML over mutual TLS. Every response is decoded with the codec,
 * validation on, so a schema-invalid answer fails the test.
 */
final class ScriptedVen {
    /** An HTTP exchange: status, raw body, decoded message. */
    record Reply(int status, byte[] body, Object message) {
    }

    private final String base;
    private final HttpClient http;
    private final OadrCodec codec;
    final Credential credential;
    String venId;
    String registrationId;

    ScriptedVen(String base, SSLContext ssl, OadrCodec codec, Credential credential) {
        this.base = base;
        this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
        this.codec = codec;
        this.credential = credential;
    }

    String fingerprint() {
        return OadrFingerprint.of(credential.certificate());
    }

    /** Encodes (validated), posts, expects HTTP 200, decodes (validated). */
    Object send(String service, Object message) {
        try {
            Reply r = post(service, codec.encodePayload(message));
            assertEquals(200, r.status(), () -> "HTTP status for " + message.getClass().getSimpleName());
            return r.message();
        } catch (XmlCodecException e) {
            throw new AssertionError("test message not schema-valid: " + e.getMessage(), e);
        }
    }

    /** Sends and casts. */
    <T> T send(String service, Object message, Class<T> expected) {
        return assertInstanceOf(expected, send(service, message));
    }

    /** Posts raw bytes; the response body must still decode as a schema-valid 2.0b payload. */
    Reply post(String service, byte[] body) {
        try {
            HttpResponse<byte[]> resp = http.send(HttpRequest.newBuilder(URI.create(base + service))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            Object decoded;
            try {
                decoded = codec.decodeMessage(resp.body());
            } catch (XmlCodecException e) {
                return fail("response to " + service + " (HTTP " + resp.statusCode() + ") is not a schema-valid "
                        + "2.0b payload: " + e.getMessage() + "\n" + new String(resp.body()));
            }
            return new Reply(resp.statusCode(), resp.body(), decoded);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Raw HTTP without decoding (for non-2.0b error statuses such as 404/405). */
    HttpResponse<String> raw(String method, String service, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + service)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    OadrCreatedPartyRegistrationType query() {
        OadrQueryRegistrationType q = new OadrQueryRegistrationType();
        q.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        q.setRequestID(OadrValues.newRequestId());
        return send("EiRegisterParty", q, OadrCreatedPartyRegistrationType.class);
    }

    OadrCreatePartyRegistrationType registrationRequest(String requestedVenId, String regId) {
        OadrCreatePartyRegistrationType c = new OadrCreatePartyRegistrationType();
        c.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        c.setRequestID(OadrValues.newRequestId());
        c.setRegistrationID(regId);
        c.setVenID(requestedVenId);
        c.setOadrProfileName("2.0b");
        c.setOadrTransportName(OadrTransportType.SIMPLE_HTTP);
        c.setOadrReportOnly(false);
        c.setOadrXmlSignature(false);
        c.setOadrVenName(credential.name());
        c.setOadrHttpPullModel(true);
        return c;
    }

    /** Registers (N1_0020) and remembers venID and registrationID. */
    OadrCreatedPartyRegistrationType register() {
        OadrCreatedPartyRegistrationType r = send("EiRegisterParty", registrationRequest(null, null),
                OadrCreatedPartyRegistrationType.class);
        assertEquals("200", r.getEiResponse().getResponseCode(), r.getEiResponse().getResponseDescription());
        venId = r.getVenID();
        registrationId = r.getRegistrationID();
        return r;
    }

    OadrPollType pollMessage() {
        OadrPollType p = new OadrPollType();
        p.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        p.setVenID(venId);
        return p;
    }

    /** One oadrPoll. */
    Object poll() {
        return send("OadrPoll", pollMessage());
    }

    /** Polls until the queue answers oadrResponse (conformance rule 500), returning the last non-empty item. */
    <T> T pollFor(Class<T> type) {
        for (int i = 0; i < 10; i++) {
            Object o = poll();
            if (type.isInstance(o)) {
                return type.cast(o);
            }
            if (o instanceof org.openvtn.schemas.oadr20b.OadrResponseType) {
                return fail("queue empty before a " + type.getSimpleName() + " arrived");
            }
        }
        return fail("no " + type.getSimpleName() + " after 10 polls");
    }

    /** @return the ei:responseCode of any 2.0b answer that carries an ei:eiResponse (the test fails on another) */
    static String code(Reply r) {
        Object m = r.message();
        EiResponseType e;
        if (m instanceof org.openvtn.schemas.oadr20b.OadrResponseType x) {
            e = x.getEiResponse();
        } else if (m instanceof org.openvtn.schemas.oadr20b.OadrCreatedOptType x) {
            e = x.getEiResponse();
        } else if (m instanceof org.openvtn.schemas.oadr20b.OadrCanceledOptType x) {
            e = x.getEiResponse();
        } else if (m instanceof org.openvtn.schemas.oadr20b.OadrRegisteredReportType x) {
            e = x.getEiResponse();
        } else if (m instanceof org.openvtn.schemas.oadr20b.OadrUpdatedReportType x) {
            e = x.getEiResponse();
        } else if (m instanceof org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType x) {
            e = x.getEiResponse();
        } else if (m instanceof org.openvtn.schemas.oadr20b.OadrCanceledPartyRegistrationType x) {
            e = x.getEiResponse();
        } else {
            return fail("no ei:eiResponse in " + (m == null ? "null" : m.getClass().getSimpleName()));
        }
        return code(e);
    }

    static String code(EiResponseType r) {
        return r.getResponseCode();
    }
}
