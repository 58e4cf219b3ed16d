package org.openvtn.oadr3.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.openvtn.oadr3.service.Oadr3Json;
import org.openvtn.oadr3.service.Oadr3Services;
import org.openvtn.oadr3.service.Oadr3Tokens;
import org.openvtn.oadr3.store.Oadr3Client;

/**
 * {@code POST /auth/token} (openadr3.yaml {@code fetchToken}): the OAuth2 client-credentials grant (RFC 6749 §4.4).
 * The form body is judged by the published {@code clientCredentialRequest} schema; the client authenticates with
 * HTTP Basic (RFC 6749 §2.3.1, form-urlencoded id and secret) or with client_id/client_secret in the form. Errors
 * are the definition's {@code authError}: 400 {@code invalid_request} / {@code unsupported_grant_type}, 401
 * {@code invalid_client}. The answer is a {@code clientCredentialResponse} with {@code Cache-Control: no-store}.
 */
final class Oadr3TokenEndpoint {
    /** Status, extra headers and JSON body. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private final Oadr3Services services;
    private final Oadr3Schemas schemas;

    Oadr3TokenEndpoint(Oadr3Services services, Oadr3Schemas schemas) {
        this.services = services;
        this.schemas = schemas;
    }

    Answer handle(Request request, String body) {
        ObjectNode form = Oadr3Json.object();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (form.has(k)) {
                return error(400, "invalid_request", "parameter " + k + " is repeated", false);
            }
            form.put(k, v);
        }
        boolean basic = false;
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return error(401, "invalid_client", "the Basic credentials are not base64", true);
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return error(401, "invalid_client", "the Basic credentials lack a ':'", true);
            }
            form.put("client_id", URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
            form.put("client_secret", URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
            basic = true;
        }
        if (form.has("grant_type") && !"client_credentials".equals(form.get("grant_type").asText())) {
            return error(400, "unsupported_grant_type", "only client_credentials is supported", false);
        }
        var errors = schemas.errors("clientCredentialRequest", form);
        if (!errors.isEmpty()) {
            return error(400, "invalid_request", String.join("; ", errors.subList(0, Math.min(3, errors.size()))),
                    false);
        }
        Optional<Oadr3Client> client = services.clients().authenticate(form.get("client_id").asText(),
                form.get("client_secret").asText());
        if (client.isEmpty()) {
            return error(401, "invalid_client", "unknown client or wrong secret", basic);
        }
        Oadr3Tokens.Issued issued = services.tokens().issue(client.get().clientId(), client.get().role());
        ObjectNode out = Oadr3Json.object();
        out.put("access_token", issued.accessToken());
        out.put("token_type", "Bearer");
        out.put("expires_in", issued.expiresIn());
        out.put("scope", issued.scope());
        schemas.response("clientCredentialResponse", out);
        return new Answer(200, Map.of("Pragma", "no-cache"), Oadr3Json.write(out));
    }

    private Answer error(int status, String code, String description, boolean basic) {
        ObjectNode e = Oadr3Json.object();
        e.put("error", code);
        e.put("error_description", description);
        schemas.response("authError", e);
        return new Answer(status, basic ? Map.of("WWW-Authenticate", "Basic realm=\"openvtn\"") : Map.of(),
                Oadr3Json.write(e));
    }
}
