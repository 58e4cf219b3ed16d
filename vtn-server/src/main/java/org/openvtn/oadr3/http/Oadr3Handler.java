package org.openvtn.oadr3.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.openvtn.oadr3.service.Oadr3Caller;
import org.openvtn.oadr3.service.Oadr3Exception;
import org.openvtn.oadr3.service.Oadr3Json;
import org.openvtn.oadr3.service.Oadr3Services;
import org.openvtn.oadr3.service.Oadr3VenObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenADR 3.1 REST API (openadr3.yaml {@code paths}): decodes, validates the body against the published
 * component schema, finds the caller from the bearer token, calls a service, validates and encodes the answer.
 * Errors are RFC 7807 problems ({@code application/problem+json}) with the definition's statuses.
 */
final class Oadr3Handler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Oadr3Handler.class);
    private static final String JSON = "application/json";
    private static final int MAX_LIMIT = 50;

    /** One resource collection: path segment, object type, request and response component schemas. */
    private record Collection(String segment, String type, String requestSchema, String responseSchema) {
    }

    private static final List<Collection> VEN_OBJECTS = List.of(
            new Collection("vens", Oadr3VenObjects.VEN, "venRequest", "objectMetadata"),
            new Collection("resources", Oadr3VenObjects.RESOURCE, "resourceRequest", "objectMetadata"),
            new Collection("reports", Oadr3VenObjects.REPORT, "reportRequest", "report"),
            new Collection("subscriptions", Oadr3VenObjects.SUBSCRIPTION, "subscriptionRequest", "subscription"));
    /** Query parameters each VEN-object search filters on by equality (openadr3.yaml parameters). */
    private static final Map<String, List<String>> FILTERS = Map.of(
            "vens", List.of("venName"), "resources", List.of("resourceName", "venID"),
            "reports", List.of("programID", "eventID", "clientName"), "subscriptions", List.of("programID", "clientName"));

    private final Oadr3Config config;
    private final Oadr3Services services;
    private final Oadr3Schemas schemas;
    private final Oadr3TokenEndpoint tokenEndpoint;
    private final Oadr3NotifierRoutes notifiers;

    /**
     * The {@code objects} query parameter of searchSubscriptions (openadr3.yaml: array of {@code objectTypes}, form
     * style, exploded: {@code objects=EVENT&objects=PROGRAM}); a value outside the enum is a 400. Other searches
     * take no such parameter.
     */
    private static Set<String> objectsFilter(Collection c, Fields query) {
        List<String> values = query.getValues("objects");
        if (!"subscriptions".equals(c.segment()) || values == null) {
            return Set.of();
        }
        for (String v : values) {
            if (!OBJECT_TYPES.contains(v)) {
                throw Oadr3Exception.badRequest("objects: " + v + " is not one of " + OBJECT_TYPES);
            }
        }
        return new LinkedHashSet<>(values);
    }

    /** The {@code objectTypes} enum of openadr3.yaml 3.1.0. */
    private static final List<String> OBJECT_TYPES = List.of("PROGRAM", "EVENT", "REPORT", "SUBSCRIPTION", "VEN",
            "RESOURCE");

    Oadr3Handler(Oadr3Config config, Oadr3Services services, Oadr3Schemas schemas) {
        this.config = config;
        this.services = services;
        this.schemas = schemas;
        this.tokenEndpoint = new Oadr3TokenEndpoint(services, schemas);
        this.notifiers = new Oadr3NotifierRoutes(services, config.notifiers().mqtt());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(config.basePath() + "/")) {
            problem(response, callback, Oadr3Exception.notFound("no such resource"));
            return true;
        }
        String[] seg = path.substring(config.basePath().length() + 1).split("/", -1);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        try {
            route(request, response, callback, seg);
        } catch (Oadr3Exception e) {
            if (e.status() == 401) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            }
            problem(response, callback, e);
        } catch (RuntimeException e) {
            LOG.error("3.1 request {} {} failed", request.getMethod(), path, e);
            problem(response, callback, new Oadr3Exception(500, "Internal Server Error", "see the VTN log"));
        }
        return true;
    }

    private void route(Request request, Response response, Callback callback, String[] seg) {
        String method = request.getMethod();
        if (seg.length == 2 && seg[0].equals("auth") && seg[1].equals("server")) {
            allow(method, "GET");
            ObjectNode info = Oadr3Json.object();
            var ext = services.externalAuth();
            info.put("tokenURL", ext != null ? ext.tokenUrl().toString() : baseUri(request) + "/auth/token");
            send(response, callback, 200, "authServerInfo", info);
            return;
        }
        if (seg.length == 2 && seg[0].equals("auth") && seg[1].equals("token")) {
            if (services.externalAuth() != null) {
                // tokens come from the external server (/auth/server names it); this VTN issues none
                throw Oadr3Exception.notFound("tokens are issued by " + services.externalAuth().tokenUrl());
            }
            allow(method, "POST");
            Oadr3TokenEndpoint.Answer a = tokenEndpoint.handle(request, readText(request));
            a.headers().forEach((k, v) -> response.getHeaders().put(k, v));
            write(response, callback, a.status(), JSON, a.body());
            return;
        }
        Oadr3Caller caller = services.verify(bearer(request));
        Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        if (seg[0].equals("notifiers")) {
            allow(method, "GET");
            if (seg.length == 1) {
                send(response, callback, 200, "notifiersResponse", notifiers.notifiers());
                return;
            }
            if (seg.length >= 4 && seg[1].equals("mqtt") && seg[2].equals("topics")) {
                send(response, callback, 200, "notifierTopicsResponse",
                        notifiers.topics(caller, java.util.Arrays.copyOfRange(seg, 3, seg.length)));
                return;
            }
            throw Oadr3Exception.notFound("no such resource");
        }
        List<String> targetValues = query.getValues("targets");
        Set<String> targets = targetValues == null ? Set.of() : new LinkedHashSet<>(targetValues);
        if (seg[0].equals("programs")) {
            var p = services.programs();
            if (seg.length == 1) {
                allow(method, "GET", "POST");
                if (method.equals("GET")) {
                    sendList(response, callback, "program", page(p.list(caller, targets), query));
                } else {
                    send(response, callback, 201, "program", p.create(caller, body(request, "programRequest")));
                }
                return;
            }
            if (seg.length == 2) {
                allow(method, "GET", "PUT", "DELETE");
                ObjectNode out = switch (method) {
                    case "GET" -> p.get(caller, seg[1]);
                    case "PUT" -> p.update(caller, seg[1], body(request, "programRequest"));
                    default -> p.delete(caller, seg[1]);
                };
                send(response, callback, 200, "program", out);
                return;
            }
        }
        if (seg[0].equals("events")) {
            var ev = services.events();
            if (seg.length == 1) {
                allow(method, "GET", "POST");
                if (method.equals("GET")) {
                    String active = query.getValue("active");
                    if (active != null && !active.equals("true") && !active.equals("false")) {
                        throw Oadr3Exception.badRequest("active: true or false");
                    }
                    sendList(response, callback, "event", page(ev.list(caller, query.getValue("programID"), targets,
                            "true".equals(active)), query));
                } else {
                    send(response, callback, 201, "event", ev.create(caller, body(request, "eventRequest")));
                }
                return;
            }
            if (seg.length == 2) {
                allow(method, "GET", "PUT", "DELETE");
                ObjectNode out = switch (method) {
                    case "GET" -> ev.get(caller, seg[1]);
                    case "PUT" -> ev.update(caller, seg[1], body(request, "eventRequest"));
                    default -> ev.delete(caller, seg[1]);
                };
                send(response, callback, 200, "event", out);
                return;
            }
        }
        for (Collection c : VEN_OBJECTS) {
            if (!seg[0].equals(c.segment())) {
                continue;
            }
            var o = services.objects();
            if (seg.length == 1) {
                allow(method, "GET", "POST");
                if (method.equals("GET")) {
                    Map<String, String> filters = new LinkedHashMap<>();
                    FILTERS.get(c.segment()).forEach(f -> filters.put(f, query.getValue(f)));
                    sendList(response, callback, c.responseSchema(),
                            page(o.list(caller, c.type(), filters, targets, objectsFilter(c, query)), query));
                } else {
                    send(response, callback, 201, c.responseSchema(),
                            o.create(caller, c.type(), body(request, c.requestSchema())));
                }
                return;
            }
            if (seg.length == 2) {
                allow(method, "GET", "PUT", "DELETE");
                ObjectNode out = switch (method) {
                    case "GET" -> o.get(caller, c.type(), seg[1]);
                    case "PUT" -> o.update(caller, c.type(), seg[1], body(request, c.requestSchema()));
                    default -> o.delete(caller, c.type(), seg[1]);
                };
                send(response, callback, 200, c.responseSchema(), out);
                return;
            }
        }
        throw Oadr3Exception.notFound("no such resource");
    }

    private static void allow(String method, String... allowed) {
        if (!List.of(allowed).contains(method)) {
            throw new Oadr3Exception(405, "Method Not Allowed", method + " is not allowed here; allowed: "
                    + String.join(", ", allowed));
        }
    }

    private static String bearer(Request request) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw Oadr3Exception.unauthorized("a bearer token is required (POST /auth/token)");
        }
        return auth.substring(7).strip();
    }

    /** skip >= 0, 0 <= limit <= 50 (openadr3.yaml); a bad value is 400. */
    private static <T> List<T> page(List<T> all, Fields query) {
        int skip = intParam(query, "skip", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(query, "limit", MAX_LIMIT, 0, MAX_LIMIT);
        return Oadr3Json.page(all, skip, limit);
    }

    private static int intParam(Fields query, String name, int dflt, int min, int max) {
        String v = query.getValue(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw Oadr3Exception.badRequest(name + ": must be " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw Oadr3Exception.badRequest(name + ": not an integer");
        }
    }

    private String readText(Request request) {
        long declared = request.getLength();
        if (declared > config.maxBodyBytes()) {
            throw new Oadr3Exception(413, "Payload Too Large", "bodies are limited to " + config.maxBodyBytes() + " bytes");
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(config.maxBodyBytes() + 1);
            if (bytes.length > config.maxBodyBytes()) {
                throw new Oadr3Exception(413, "Payload Too Large", "bodies are limited to " + config.maxBodyBytes()
                        + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Oadr3Exception.badRequest("cannot read the body");
        }
    }

    private ObjectNode body(Request request, String schema) {
        ObjectNode body = Oadr3Json.parse(readText(request));
        schemas.request(schema, body);
        return body;
    }

    private String baseUri(Request request) {
        var uri = request.getHttpURI();
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + config.basePath();
    }

    private void sendList(Response response, Callback callback, String schema, List<ObjectNode> items) {
        ArrayNode array = Oadr3Json.MAPPER.createArrayNode();
        for (ObjectNode o : items) {
            schemas.response(schema, o);
            array.add(o);
        }
        write(response, callback, 200, JSON, Oadr3Json.write(array));
    }

    private void send(Response response, Callback callback, int status, String schema, JsonNode body) {
        schemas.response(schema, body);
        write(response, callback, status, JSON, Oadr3Json.write(body));
    }

    private static void problem(Response response, Callback callback, Oadr3Exception e) {
        ObjectNode p = Oadr3Json.object();
        p.put("type", "about:blank");
        p.put("title", e.title());
        p.put("status", e.status());
        p.put("detail", e.getMessage());
        write(response, callback, e.status(), "application/problem+json", Oadr3Json.write(p));
    }

    private static void write(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        Content.Sink.write(response, true, body, callback);
    }
}
