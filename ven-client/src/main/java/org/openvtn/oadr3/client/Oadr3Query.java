package org.openvtn.oadr3.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Query parameters of the 3.1 search operations (openadr3.yaml 3.1.0): pagination {@code skip} / {@code limit}
 * (Definition, "Response Filtering": a VTN SHALL support both) and the filters {@code programID}, {@code targets}
 * (repeatable), {@code venName}, {@code venID}, {@code resourceName}, {@code eventID}, {@code clientName}. Filters are
 * additive on the VTN. Immutable: every method returns a new query.
 */
public final class Oadr3Query {
    private final List<String[]> params;

    private Oadr3Query(List<String[]> params) {
        this.params = params;
    }

    /** No filter, the VTN's default page. */
    public static Oadr3Query all() {
        return new Oadr3Query(List.of());
    }

    private Oadr3Query with(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        List<String[]> p = new ArrayList<>(params);
        p.add(new String[] {name, value});
        return new Oadr3Query(List.copyOf(p));
    }

    public Oadr3Query skip(int skip) {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must be >= 0");
        }
        return with("skip", Integer.toString(skip));
    }

    public Oadr3Query limit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
        return with("limit", Integer.toString(limit));
    }

    public Oadr3Query programId(String id) { return with("programID", id); }
    public Oadr3Query target(String target) { return with("targets", target); }
    public Oadr3Query venName(String name) { return with("venName", name); }
    public Oadr3Query venId(String id) { return with("venID", id); }
    public Oadr3Query resourceName(String name) { return with("resourceName", name); }
    public Oadr3Query eventId(String id) { return with("eventID", id); }
    public Oadr3Query clientName(String name) { return with("clientName", name); }

    /** This query without its skip/limit, for paging through everything. */
    Oadr3Query withoutPaging() {
        List<String[]> p = new ArrayList<>();
        for (String[] kv : params) {
            if (!kv[0].equals("skip") && !kv[0].equals("limit")) {
                p.add(kv);
            }
        }
        return new Oadr3Query(List.copyOf(p));
    }

    /** @return {@code ""} or {@code ?a=b&c=d}, URL-encoded */
    String toQueryString() {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("?");
        for (String[] kv : params) {
            if (b.length() > 1) {
                b.append('&');
            }
            b.append(kv[0]).append('=').append(Oadr3Http.enc(kv[1]));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return toQueryString();
    }
}
