package org.openvtn.conformance.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A minimal HTTP/1.1 request writer and response reader (RFC 9112): Content-Length, chunked, close-delimited. */
final class HttpCodec {

    static final int MAX_BODY = 16 * 1024 * 1024;
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 200;

    private HttpCodec() {
    }

    /** The response as read. */
    record Response(int status, String reason, Map<String, List<String>> headers, byte[] body, boolean keepAlive) {
    }

    /** Nothing of a response arrived before the connection failed or closed (a stale keep-alive connection). */
    static final class NoResponseException extends IOException {
        NoResponseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static byte[] request(String method, URI url, int port, boolean tls, Map<String, String> headers,
                          String contentType, String body) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        boolean defaultPort = port == (tls ? 443 : 80);
        String host = url.getHost().contains(":") && !url.getHost().startsWith("[") ? "[" + url.getHost() + "]"
                : url.getHost();
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(host).append(defaultPort ? "" : ":" + port).append("\r\n");
        Map<String, String> lower = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), k + ": " + v));
        }
        if (!lower.containsKey("user-agent")) {
            sb.append("User-Agent: openvtn-conformance\r\n");
        }
        if (!lower.containsKey("accept")) {
            sb.append("Accept: */*\r\n");
        }
        if (contentType != null && !lower.containsKey("content-type")) {
            sb.append("Content-Type: ").append(contentType).append("\r\n");
        }
        lower.forEach((k, line) -> {
            if (!k.equals("host") && !k.equals("content-length")) {
                sb.append(line).append("\r\n");
            }
        });
        if (body != null || method.equals("POST") || method.equals("PUT")) {
            sb.append("Content-Length: ").append(content.length).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }

    static Response readResponse(InputStream in, String method) throws IOException {
        String statusLine;
        try {
            statusLine = readLine(in);
        } catch (IOException e) {
            throw new NoResponseException("no response: " + e.getMessage(), e);
        }
        if (statusLine == null) {
            throw new NoResponseException("connection closed before a response", null);
        }
        while (true) {
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x status line: " + abbreviate(statusLine));
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("bad status code in: " + abbreviate(statusLine));
            }
            Map<String, List<String>> headers = readHeaders(in);
            if (status >= 100 && status < 200) {
                statusLine = readLine(in);
                if (statusLine == null) {
                    throw new IOException("connection closed after an interim " + status + " response");
                }
                continue;
            }
            boolean http10 = parts[0].equals("HTTP/1.0");
            String connection = first(headers, "connection").toLowerCase(Locale.ROOT);
            boolean keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
            byte[] body;
            if (method.equals("HEAD") || status == 204 || status == 304) {
                body = new byte[0];
            } else if (first(headers, "transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
                body = readChunked(in);
            } else if (!first(headers, "content-length").isEmpty()) {
                long n;
                try {
                    n = Long.parseLong(first(headers, "content-length").trim());
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length: " + first(headers, "content-length"));
                }
                if (n < 0 || n > MAX_BODY) {
                    throw new IOException("Content-Length " + n + " outside 0.." + MAX_BODY);
                }
                body = in.readNBytes((int) n);
                if (body.length != n) {
                    throw new IOException("connection closed after " + body.length + " of " + n + " body bytes");
                }
            } else {
                body = readToEnd(in);
                keepAlive = false;
            }
            String reason = parts.length > 2 ? parts[2] : "";
            return new Response(status, reason, headers, body, keepAlive);
        }
    }

    private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; ; i++) {
            String line = readLine(in);
            if (line == null) {
                throw new IOException("connection closed inside the response headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            if (i >= MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " response headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + abbreviate(line));
            }
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int semi = sizeLine.indexOf(';');
            String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + abbreviate(sizeLine));
            }
            if (size == 0) {
                readHeaders(in); // trailers
                return out.toByteArray();
            }
            if (size < 0 || out.size() + size > MAX_BODY) {
                throw new IOException("chunked body larger than " + MAX_BODY + " bytes");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length != size) {
                throw new IOException("connection closed inside a chunk");
            }
            out.write(chunk);
            String end = readLine(in);
            if (end == null || !end.isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (out.size() + n > MAX_BODY) {
                throw new IOException("body larger than " + MAX_BODY + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** A line without its CRLF (or LF); null at end of stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new IOException("connection closed inside a line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
