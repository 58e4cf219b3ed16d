package org.openvtn.conformance.oadr3;

import static org.openvtn.conformance.oadr3.Oadr3Role.BL;
import static org.openvtn.conformance.oadr3.Oadr3Role.VEN_A;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.openvtn.conformance.ConformanceCase;

/** Token discovery, bearer tokens and role separation (3.1 Definition, "Security"). */
final class AuthCases {
    static final String SECURITY = "3.1 Definition \"OAuth 2.0 client credential flow\"";

    private AuthCases() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                Oadr3Case.must("OADR3-AUTH-01", "GET /auth/server answers an authServerInfo with the token URL",
                        "3.1 Definition \"Token endpoint discovery\" (VTNs MUST implement at least /auth/server)",
                        api -> {
                            Oadr3Answer a = api.sendWith(null, "anonymous", "GET", "/auth/server", null, null);
                            if (api.status(a, "oadr3.auth.server", "Token endpoint discovery", 200)) {
                                api.schema(a, "authServerInfo");
                            }
                        }),
                Oadr3Case.must("OADR3-AUTH-02", "A request without a token is refused with 401 and a problem",
                        SECURITY + " (the VTN verifies the token and returns Unauthorized)", api -> {
                            for (String path : List.of("/programs", "/events", "/vens", "/reports", "/subscriptions",
                                    "/resources")) {
                                unauthorized(api, api.sendWith(null, "anonymous", "GET", path, null, null));
                            }
                            unauthorized(api, api.sendWith(null, "anonymous", "POST", "/programs",
                                    Oadr3Fixture.program(api.harness().unique("noauth")), "application/json"));
                        }),
                Oadr3Case.must("OADR3-AUTH-03", "A malformed or forged token is refused with 401",
                        SECURITY + " (invalid token: Unauthorized)", api -> {
                            String real = api.harness().token(BL, api);
                            unauthorized(api, api.sendWith("Bearer not-a-token", "forged", "GET", "/programs", null,
                                    null));
                            unauthorized(api, api.sendWith("Bearer " + tamper(real), "tampered", "GET", "/programs",
                                    null, null));
                            unauthorized(api, api.sendWith("Basic " + java.util.Base64.getEncoder().encodeToString(
                                    "x:y".getBytes()), "basic", "GET", "/programs", null, null));
                        }),
                Oadr3Case.must("OADR3-AUTH-04", "An expired token is refused with 401",
                        SECURITY + " (expired token: Unauthorized)", api -> {
                            String expired = api.harness().target().properties().get(Oadr3Harness.EXPIRED_TOKEN);
                            if (expired == null || expired.isBlank()) {
                                api.ctx().skip("no expired token configured (target property "
                                        + Oadr3Harness.EXPIRED_TOKEN + ")");
                            }
                            unauthorized(api, api.sendWith("Bearer " + expired.trim(), "expired", "GET", "/programs",
                                    null, null));
                        }),
                Oadr3Case.must("OADR3-AUTH-05", "Role separation: a VEN client cannot write programs or events;"
                                + " a BL client cannot write reports (403)",
                        "openadr3.yaml securitySchemes scopes write_programs, write_events, write_reports; 3.1"
                                + " Definition \"Step 4: Enforce Access Control\" (403)", api -> {
                            JsonNode program = api.fixture().program();
                            forbidden(api, api.post(VEN_A, "/programs",
                                    Oadr3Fixture.program(api.harness().unique("ven-program"))));
                            forbidden(api, api.put(VEN_A, "/programs/" + program.get("id").asText(),
                                    Oadr3Fixture.program(program.get("programName").asText())));
                            forbidden(api, api.post(VEN_A, "/events", Oadr3Fixture.event(program.get("id").asText(),
                                    List.of(api.fixture().targetA()))));
                            forbidden(api, api.delete(VEN_A, "/events/" + api.fixture().eventA().get("id").asText()));
                            forbidden(api, api.post(BL, "/reports", Oadr3Fixture.report(
                                    api.fixture().eventA().get("id").asText(), "bl", "res")));
                            Oadr3Answer still = api.get(BL, "/events/" + api.fixture().eventA().get("id").asText());
                            api.status(still, "oadr3.auth.role", "the VEN's refused DELETE left the event", 200);
                        }),
                Oadr3Case.must("OADR3-AUTH-06", "The token endpoint refuses a wrong client secret with an authError",
                        "RFC 6749 §5.2 (invalid_client: 400, or 401 with client authentication); openadr3.yaml"
                                + " fetchToken authError", api -> {
                            String id = api.harness().target().properties().get(Oadr3Role.BL.prefix() + ".clientId");
                            Oadr3Answer a = api.harness().tokenRequest(api, "grant_type=client_credentials&client_id="
                                    + (id == null ? "oadr3-suite-unknown-client" : id) + "&client_secret=wrong-secret");
                            if (a.status() == 501) {
                                api.ctx().skip("the VTN's /auth/token is not implemented (501: an external"
                                        + " authorization server issues tokens)");
                            }
                            if (api.status(a, "oadr3.auth.token", "RFC 6749 §5.2", 400, 401)) {
                                api.schema(a, "authError");
                            }
                        }));
    }

    static void unauthorized(Oadr3Api api, Oadr3Answer a) {
        if (api.status(a, "oadr3.auth.401", SECURITY + ": no valid token", 401)) {
            api.problem(a);
        }
    }

    static void forbidden(Oadr3Api api, Oadr3Answer a) {
        if (api.status(a, "oadr3.auth.role", "the operation's scope is not granted to this role", 403)) {
            api.problem(a);
        }
    }

    /** The token with a changed character in its last part (a JWT's signature; otherwise just its end). */
    static String tamper(String token) {
        int i = token.length() - 3;
        char c = token.charAt(i);
        return token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
    }
}
