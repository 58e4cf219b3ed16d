package org.openvtn.cli.bench;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import org.openvtn.ven.transport.HttpReply;

/**
 * Failed polls of a bench run by kind (issue #18: ~700 failures under overload had been one bucket, "I/O failure ...
 * null"): the VEN's error text without host, port and path (so equal causes on different nodes count together), the
 * HTTP status of a non-200 answer, or "invalid answer". A generator process prints its kinds as {@code ERRKIND} lines
 * before its {@code RESULT} line; the parent adds them up.
 */
final class ErrorKinds {
    private static final Pattern WHERE = Pattern.compile(" on [^ ]+:\\d+/[^ :]*");
    private static final int MAX_KIND = 160;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one failed poll: {@code err} if the exchange failed, else the answer's status or {@code problem}. */
    void count(Throwable err, HttpReply reply, String problem) {
        counts.computeIfAbsent(kind(err, reply, problem), k -> new LongAdder()).increment();
    }

    static String kind(Throwable err, HttpReply reply, String problem) {
        String k;
        if (err != null) {
            String m = err.getMessage() != null ? err.getMessage() : err.getClass().getSimpleName();
            k = WHERE.matcher(m).replaceFirst("");
        } else if (reply.status() != 200) {
            k = "HTTP " + reply.status();
        } else if (problem != null) {
            k = "answer: " + problem;
        } else {
            k = "answer not schema-valid";
        }
        k = k.replace('\n', ' ');
        return k.length() > MAX_KIND ? k.substring(0, MAX_KIND) : k;
    }

    Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    static Map<String, Long> merge(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> m = new TreeMap<>(a);
        b.forEach((k, v) -> m.merge(k, v, Long::sum));
        return m;
    }

    /** A generator process's kinds, one {@code ERRKIND <count> <kind>} line each. */
    static void print(PrintWriter out, Map<String, Long> kinds) {
        kinds.forEach((k, v) -> out.println("ERRKIND " + v + " " + k));
    }

    /** Adds an {@code ERRKIND} line to {@code into}; false if {@code line} is not one. */
    static boolean parse(String line, Map<String, Long> into) {
        if (!line.startsWith("ERRKIND ")) {
            return false;
        }
        String rest = line.substring("ERRKIND ".length());
        int sp = rest.indexOf(' ');
        into.merge(rest.substring(sp + 1), Long.parseLong(rest.substring(0, sp)), Long::sum);
        return true;
    }

    /** The report's "errors by kind" lines, most frequent first; nothing when there was no error. */
    static void report(PrintWriter out, Map<String, Long> kinds) {
        if (kinds.isEmpty()) {
            return;
        }
        out.println("errors by kind:");
        kinds.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> out.printf(java.util.Locale.ROOT, "  %8d  %s%n", e.getValue(), e.getKey()));
    }
}
