package org.openvtn.conformance.oadr20b;

import static org.openvtn.conformance.oadr20b.Steps.check;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.http.HttpsProbe;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.XmlCodecException;

/**
 * General and security cases (official G1_40xx) and the error-code behaviours with our own IDs:
 * {@code OADR-ERR-452} (foreign venID), {@code OADR-ERR-454} (schema-invalid payload), {@code OADR-ERR-454M}
 * (malformed XML). The unregistered case (463) is N1_0080.
 */
final class GeneralCases {

    static final String ECC_SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
    static final String RSA_SUITE = "TLS_RSA_WITH_AES_128_CBC_SHA256";

    private GeneralCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                OadrCase.must("G1_4010", "Mandated suite TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 (TLS 1.2, ECC client) is negotiable",
                        "2.0b profile 10; rule 67", ctx -> suite(ctx, ECC_SUITE, "ven-ecc", "EC")),
                OadrCase.must("G1_4011", "Mandated suite TLS_RSA_WITH_AES_128_CBC_SHA256 (TLS 1.2, RSA client) is negotiable",
                        "2.0b profile 10; rule 67", ctx -> suite(ctx, RSA_SUITE, "ven-rsa", "RSA")),
                OadrCase.must("G1_4015", "A client without certificate is refused (handshake or HTTP refusal, no 2.0b service)",
                        "2.0b profile 10 (mutual TLS)", GeneralCases::noClientCertificate),
                OadrCase.must("G1_4020", "Polling empties the queue and ends with oadrResponse 200 (rule 500)",
                        "2.0b profile 9 (pull); rule 500", GeneralCases::pollUntilEmpty),
                OadrCase.must("OADR-ERR-452", List.of("OADR-ERR-452"), "oadrPoll naming another VEN's venID is answered 452",
                        "2.0b profile 8; rules 21, 48", GeneralCases::foreignVenId),
                OadrCase.must("OADR-ERR-454", List.of("OADR-ERR-454"),
                        "A schema-invalid payload is answered with a schema-valid 454/459 response",
                        "2.0b profile 8; rule 48", ctx -> invalid(ctx, false)),
                OadrCase.must("OADR-ERR-454M", List.of("OADR-ERR-454M"),
                        "Malformed XML is answered with a schema-valid 454 response (or an HTTP 4xx refusal)",
                        "2.0b profile 8; rule 48", ctx -> invalid(ctx, true)));
    }

    /** A probe identity with the wanted key algorithm: the main one if it fits, else one from the PKI directory. */
    private static OadrSession.Identity identity(CaseContext ctx, String prefix, String algorithm) {
        OadrSession s = OadrVenHarness.session(ctx);
        if (s.main().keyAlgorithm().equals(algorithm)) {
            return s.main();
        }
        Optional<OadrSession.Identity> i = s.fromPki(prefix, 0);
        if (i.isEmpty()) {
            throw ctx.skip("needs an " + algorithm + " VEN certificate: the target's certificate is "
                    + s.main().keyAlgorithm() + " and the PKI directory (pkiDir) holds no " + prefix + " identity");
        }
        return i.get();
    }

    private static Exchange probe(CaseContext ctx, OadrSession.Identity id, String cipherSuite) throws XmlCodecException {
        OadrSession s = OadrVenHarness.session(ctx);
        byte[] q = s.codec().encodePayload(OadrMessages.queryRegistration());
        try (HttpsProbe probe = s.tlsProbe(id, cipherSuite)) {
            Exchange ex = probe.send("oadrQueryRegistration [" + (id == null ? "no client certificate" : id.name()) + ", "
                    + (cipherSuite == null ? "mandated suites" : cipherSuite) + "]", "POST",
                    s.service("EiRegisterParty"), OadrCodec.CONTENT_TYPE, new String(q, StandardCharsets.UTF_8));
            ctx.record(ex);
            return ex;
        }
    }

    static void suite(CaseContext ctx, String cipherSuite, String prefix, String algorithm) throws Exception {
        OadrSession.Identity id = identity(ctx, prefix, algorithm);
        Exchange ex = probe(ctx, id, cipherSuite);
        if (ex.error() != null) {
            throw ctx.fail("tls.mandatedSuite", "TLS handshake", cipherSuite + " with TLS 1.2 was not negotiated: "
                    + ex.error());
        }
        check(ctx, ex.tls() != null && cipherSuite.equals(ex.tls().cipherSuite()) && "TLSv1.2".equals(ex.tls().protocol()),
                "tls.mandatedSuite", "TLS session", "negotiated " + (ex.tls() == null ? "nothing"
                        : ex.tls().protocol() + " " + ex.tls().cipherSuite()));
        List<RuleViolation> v = OadrVenHarness.session(ctx).rules().checkReceived(
                ex.responseBody().getBytes(StandardCharsets.UTF_8), OadrRules.Expect.none(),
                OadrVenHarness.session(ctx).ledger());
        if (!v.isEmpty()) {
            ctx.violations(v);
        }
        check(ctx, ex.status() == 200, "tls.mandatedSuite", "HTTP", "the query over " + cipherSuite
                + " was answered HTTP " + ex.status());
    }

    static void noClientCertificate(CaseContext ctx) throws Exception {
        Exchange ex = probe(ctx, null, null);
        boolean refused = ex.error() != null || ex.status() >= 400;
        String body = ex.responseBody() == null ? "" : ex.responseBody();
        check(ctx, refused && !body.contains("oadrCreatedPartyRegistration") || body.contains(">463<"),
                "tls.clientCertificate.required", "TLS handshake", "a client without certificate was served: HTTP "
                        + ex.status() + " " + body);
        ctx.note(ex.error() != null ? "refused in the handshake: " + ex.error() : "refused with HTTP " + ex.status());
    }

    static void pollUntilEmpty(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        ven.drain();
        OadrReply r = ven.poll();
        Steps.is(ctx, r, "oadrResponse");
        Steps.ok(ctx, r, "oadrPoll on an empty queue");
    }

    static void foreignVenId(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        OadrReply r = ven.send("OadrPoll", OadrMessages.poll("not-" + ven.venId()), false);
        Steps.code(ctx, r, "452", "oadr.error.452", "oadrPoll naming another venID");
    }

    static void invalid(CaseContext ctx, boolean malformed) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        String body = malformed
                ? "<oadrPayload xmlns=\"http://openadr.org/oadr-2.0b/2012/07\"><oadrSignedObject><oadrPoll"
                : "<oadrPayload xmlns=\"http://openadr.org/oadr-2.0b/2012/07\"><oadrSignedObject>"
                        + "<oadrPoll xmlns:ei=\"http://docs.oasis-open.org/ns/energyinterop/201110\" ei:schemaVersion=\"2.0b\">"
                        + "<ei:venID>" + ven.venId() + "</ei:venID><ei:noSuchElement>1</ei:noSuchElement>"
                        + "</oadrPoll></oadrSignedObject></oadrPayload>";
        OadrReply r = ven.sendRaw(malformed ? "malformed oadrPoll" : "schema-invalid oadrPoll", "OadrPoll", body);
        if (r.message() == null) {
            check(ctx, malformed && r.status() >= 400 && r.status() < 500, "oadr.error.454", "/",
                    "expected a 2.0b error response (454/459), got " + r.describe());
            return;
        }
        check(ctx, "454".equals(r.code()) || "459".equals(r.code()), "oadr.error.454", r.path()
                + "/eiResponse/responseCode", "expected 454 or 459 for a " + (malformed ? "malformed" : "schema-invalid")
                + " payload, got " + r.describe());
    }
}
