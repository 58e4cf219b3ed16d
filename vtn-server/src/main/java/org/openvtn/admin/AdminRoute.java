package org.openvtn.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the admin API's route table: method, path template under {@code /api/v1} (the OpenAPI document's
 * path, e.g. {@code /events/{id}/cancel}), the role a caller needs (null: public), the success status and the
 * action. {@link AdminHandler} answers a path no row matches with 404 and a known path with another method with
 * 405 and {@code Allow} (RFC 9110 §15.5.6).
 *
 * @param method   HTTP method
 * @param template path template, segments in braces are parameters
 * @param role     required role, null for a public route
 * @param status   status of a successful answer (200, or 201 for a creation)
 * @param action   the handler
 */
record AdminRoute(String method, String template, Role role, int status, Action action) {

    /** Who may call a route. The admin bearer token holds the operator role. */
    enum Role {
        OPERATOR
    }

    /** The request as an action sees it. */
    interface Call {
        /** @return a path parameter of the template, e.g. {@code id} */
        String param(String name);

        /** @return a query parameter, or null */
        String query(String name);

        /** @return the required JSON body bound to a request record (400 naming the field when it does not fit) */
        <T> T body(Class<T> type);

        /** @return the body as a tree (required) */
        JsonNode tree();

        /** @return the body bound to a record, or null when the body is empty */
        <T> T optionalBody(Class<T> type);
    }

    /** Runs a route; the result (a record, a list of them or a JSON tree) is written by Jackson. */
    interface Action {
        Object run(Call call);
    }

    static AdminRoute get(String template, Action action) {
        return new AdminRoute("GET", template, Role.OPERATOR, 200, action);
    }

    static AdminRoute post(String template, Action action) {
        return new AdminRoute("POST", template, Role.OPERATOR, 200, action);
    }

    static AdminRoute create(String template, Action action) {
        return new AdminRoute("POST", template, Role.OPERATOR, 201, action);
    }

    static AdminRoute put(String template, Action action) {
        return new AdminRoute("PUT", template, Role.OPERATOR, 200, action);
    }

    static AdminRoute delete(String template, Action action) {
        return new AdminRoute("DELETE", template, Role.OPERATOR, 200, action);
    }

    /** @return the template's segments, e.g. {@code [events, {id}, cancel]} */
    List<String> segments() {
        return split(template);
    }

    /**
     * @param seg the request path's segments under {@code /api/v1}
     * @return the parameters when the path fits the template, else null
     */
    Map<String, String> match(List<String> seg) {
        List<String> t = segments();
        if (t.size() != seg.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            String s = t.get(i);
            if (s.startsWith("{") && s.endsWith("}")) {
                params.put(s.substring(1, s.length() - 1), seg.get(i));
            } else if (!s.equals(seg.get(i))) {
                return null;
            }
        }
        return params;
    }

    /** Non-empty segments of a path ({@code /a//b/} is {@code [a, b]}). */
    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
