package org.openvtn.oadr3.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One resource collection of the 3.1 API ({@code /programs}, {@code /events}, {@code /reports}, {@code /vens},
 * {@code /resources}, {@code /subscriptions}) with the operations of openadr3.yaml 3.1.0: search (GET with
 * {@link Oadr3Query}), create (POST), read by id, update (PUT), delete. Objects are the published JSON shapes as
 * Jackson trees, so nothing of the definition is lost or renamed. Which operations a caller may use is the VTN's
 * decision (scopes and object privacy); a refusal comes back as {@link Oadr3ClientException} with the problem.
 * Every blocking call has an {@code *Async} twin.
 */
public final class Oadr3Collection {
    /** The Definition's largest page (openadr3.yaml: {@code limit} maximum 50). */
    public static final int MAX_PAGE = 50;

    private final Oadr3Http http;
    private final String path;

    Oadr3Collection(Oadr3Http http, String path) {
        this.http = http;
        this.path = path;
    }

    /** @return the collection's path below the base URL, e.g. {@code /events} */
    public String path() {
        return path;
    }

    public CompletableFuture<List<JsonNode>> searchAsync(Oadr3Query query) {
        return http.send("GET", path + query.toQueryString(), null).thenApply(Oadr3Collection::list);
    }

    /** One page as the VTN answers it (its {@code skip}/{@code limit}, or the VTN's default page). */
    public List<JsonNode> search(Oadr3Query query) {
        return Oadr3Http.join(searchAsync(query));
    }

    /** Every object matching the filters, fetched page by page ({@code skip} advanced, {@code limit} 50). */
    public CompletableFuture<List<JsonNode>> searchAllAsync(Oadr3Query query) {
        return page(query.withoutPaging(), 0, new ArrayList<>());
    }

    public List<JsonNode> searchAll(Oadr3Query query) {
        return Oadr3Http.join(searchAllAsync(query));
    }

    private CompletableFuture<List<JsonNode>> page(Oadr3Query filters, int skip, List<JsonNode> acc) {
        return searchAsync(filters.skip(skip).limit(MAX_PAGE)).thenCompose(page -> {
            acc.addAll(page);
            if (page.size() < MAX_PAGE) {
                return CompletableFuture.completedFuture(List.copyOf(acc));
            }
            return page(filters, skip + page.size(), acc);
        });
    }

    public CompletableFuture<JsonNode> createAsync(JsonNode request) {
        return http.send("POST", path, request);
    }

    /** POST: the VTN's representation of the new object (with {@code id}). */
    public JsonNode create(JsonNode request) {
        return Oadr3Http.join(createAsync(request));
    }

    public CompletableFuture<JsonNode> getAsync(String id) {
        return http.send("GET", path + "/" + Oadr3Http.enc(id), null);
    }

    public JsonNode get(String id) {
        return Oadr3Http.join(getAsync(id));
    }

    public CompletableFuture<JsonNode> updateAsync(String id, JsonNode request) {
        return http.send("PUT", path + "/" + Oadr3Http.enc(id), request);
    }

    public JsonNode update(String id, JsonNode request) {
        return Oadr3Http.join(updateAsync(id, request));
    }

    public CompletableFuture<JsonNode> deleteAsync(String id) {
        return http.send("DELETE", path + "/" + Oadr3Http.enc(id), null);
    }

    /** DELETE: the deleted object as the VTN answers it. */
    public JsonNode delete(String id) {
        return Oadr3Http.join(deleteAsync(id));
    }

    private static List<JsonNode> list(JsonNode body) {
        if (body == null) {
            return List.of();
        }
        if (!(body instanceof ArrayNode a)) {
            throw new Oadr3ClientException(200, "invalid search answer", "expected a JSON array", null);
        }
        List<JsonNode> out = new ArrayList<>(a.size());
        a.forEach(out::add);
        return List.copyOf(out);
    }
}
