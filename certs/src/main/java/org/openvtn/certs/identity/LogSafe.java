package org.openvtn.certs.identity;

/**
 * Makes text a peer controls safe to put in a log line (issue #12 item 10): certificate subjects, venIDs,
 * mRIDs, host names and URIs come from certificate holders, and a CR/LF or an ANSI escape in one of them could
 * forge a second log line or hide one on an operator's terminal. Control characters (C0, DEL, C1), the line and
 * paragraph separators and the Unicode bidi overrides become {@code \\uXXXX}; a backslash is doubled so the escape
 * cannot be imitated; text longer than {@link #MAX} characters is cut and marked.
 */
public final class LogSafe {
    /** Characters of one value kept in a log line. */
    public static final int MAX = 256;

    private LogSafe() {
    }

    /**
     * @param value text from a peer, or null
     * @return the text with control characters escaped, at most {@link #MAX} characters plus a marker;
     *         {@code "null"} for null
     */
    public static String text(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        int n = Math.min(s.length(), MAX);
        StringBuilder sb = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean escape = c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == 0x2028 || c == 0x2029
                    || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == '\\';
            if (escape && sb == null) {
                sb = new StringBuilder(n + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (c == '\\') {
                    sb.append("\\\\");
                } else if (escape) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        String out = sb == null ? s.substring(0, n) : sb.toString();
        return s.length() > MAX ? out + "...(" + s.length() + " chars)" : out;
    }
}
