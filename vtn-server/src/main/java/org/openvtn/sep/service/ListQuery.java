package org.openvtn.sep.service;

import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * List query parameters (IEEE 2030.5-2018 §5.4 / §6.1.2 list resources, CSIP CORE-004): {@code s}
 * start index (default 0), {@code l} limit, {@code a} "after" (a time key in seconds; only for
 * lists whose primary key is time-based, where it drops items whose key is before {@code a}).
 * Unknown parameters are ignored.
 *
 * @param start index of the first item (0-based)
 * @param limit maximum number of items returned
 * @param after time key filter in epoch seconds, or null
 */
public record ListQuery(long start, int limit, Long after) {

    /** Default {@code l}: 1, the standard's default when a client sends none (see docs/ieee-2030.5.md). */
    public static final int DEFAULT_LIMIT = 1;
    /** Largest {@code l} honoured; larger requests are capped (resource limit). */
    public static final int MAX_LIMIT = 100;

    /**
     * @param params query parameters (first value of each)
     * @return the query
     * @throws SepException 400 reasonCode 1 when {@code s}, {@code l} or {@code a} is not an unsigned integer
     */
    public static ListQuery parse(Map<String, String> params) {
        long s = unsigned(params, "s", 0);
        long l = unsigned(params, "l", DEFAULT_LIMIT);
        Long a = params.containsKey("a") ? unsigned(params, "a", 0) : null;
        return new ListQuery(s, (int) Math.min(l, MAX_LIMIT), a);
    }

    private static long unsigned(Map<String, String> params, String name, long dflt) {
        String v = params.get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.matches("[0-9]{1,10}")) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "query parameter " + name + " is not an unsigned integer");
        }
        return Long.parseLong(v);
    }

    /**
     * One page of an ordered list.
     *
     * @param items   the returned items
     * @param all     the {@code all} attribute: size of the list after the {@code a} filter
     * @param results the {@code results} attribute: {@code items.size()}
     */
    public record Page<T>(List<T> items, long all, long results) {
    }

    /**
     * @param ordered the whole list in its function set's order
     * @param timeKey the time key in epoch seconds for {@code a}, or null when the list has none
     * @return the page
     */
    public <T> Page<T> page(List<T> ordered, ToLongFunction<T> timeKey) {
        List<T> filtered = after == null || timeKey == null ? ordered
                : ordered.stream().filter(t -> timeKey.applyAsLong(t) >= after).toList();
        int from = (int) Math.min(start, filtered.size());
        int to = (int) Math.min((long) from + limit, filtered.size());
        List<T> items = List.copyOf(filtered.subList(from, to));
        return new Page<>(items, filtered.size(), items.size());
    }

    /** Reads rows {@code [start, start + limit)} of a list from the store. */
    @FunctionalInterface
    public interface PageReader<T> {
        List<T> read(long start, int limit);
    }

    /**
     * One page read in the store (issue #12 item 8): only the page's rows are read and decoded. For lists without
     * a time key ({@code a} does not apply).
     *
     * @param all  the list's size
     * @param read reads the page's rows, in list order
     * @return the page
     */
    public <T> Page<T> page(long all, PageReader<T> read) {
        long from = Math.min(start, all);
        List<T> items = limit == 0 || from >= all ? List.of() : List.copyOf(read.read(from, limit));
        return new Page<>(items, all, items.size());
    }
}
