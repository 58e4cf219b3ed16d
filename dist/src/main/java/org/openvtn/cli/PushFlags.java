package org.openvtn.cli;

import java.net.URI;

import org.openvtn.ven.VenClientBuilder;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code openvtn ven --push-listen HOST:PORT [--push-url URL]}: the push listener of each simulated VEN. A fleet uses
 * one port per VEN from the base port (VEN i on PORT+i, advertising the --push-url port + i), so every VEN has its own
 * listener and TLS identity, as real push VENs do. Port 0 gives every VEN a free port (not with --push-url).
 */
record PushFlags(String host, int port, URI url) {

    static PushFlags parse(CommandLine cl, String listen, String url, int vens) {
        if (listen == null) {
            if (url != null) {
                throw new ParameterException(cl, "--push-url needs --push-listen HOST:PORT");
            }
            return null;
        }
        int colon = listen.lastIndexOf(':');
        if (colon <= 0 || colon == listen.length() - 1) {
            throw new ParameterException(cl, "--push-listen must be HOST:PORT (e.g. 0.0.0.0:8444), was " + listen);
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = port(cl, "--push-listen", listen.substring(colon + 1));
        if (vens > VenCommand.MAX_PUSH_FLEET) {
            throw new ParameterException(cl, "--push-listen supports at most " + VenCommand.MAX_PUSH_FLEET
                    + " VENs in one process, --fleet was " + vens);
        }
        if (port > 0 && port + vens - 1 > 65535) {
            throw new ParameterException(cl, "--push-listen ports " + port + ".." + (port + vens - 1)
                    + " exceed 65535: choose a lower base port");
        }
        URI u = null;
        if (url != null) {
            try {
                u = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cl, "--push-url is not a URL: " + url);
            }
            if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                throw new ParameterException(cl, "--push-url must be https://host[:port][/path], was " + url);
            }
            if (vens > 1 && (u.getPort() < 0 || port == 0)) {
                throw new ParameterException(cl, "with --fleet, --push-url must name a port and --push-listen a fixed"
                        + " base port (VEN i advertises port + i)");
            }
            if (u.getPort() > 0 && u.getPort() + vens - 1 > 65535) {
                throw new ParameterException(cl, "--push-url ports exceed 65535 for " + vens + " VENs");
            }
        } else if ("0.0.0.0".equals(host) || "::".equals(host)) {
            throw new ParameterException(cl, "--push-listen " + listen + " binds every interface: give --push-url"
                    + " with the address the VTN can reach");
        }
        return new PushFlags(host, port, u);
    }

    private static int port(CommandLine cl, String flag, String text) {
        try {
            int p = Integer.parseInt(text);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new ParameterException(cl, flag + " port must be 0..65535, was " + text);
        }
    }

    /** Configures VEN number {@code i} (0-based) of the run. */
    void apply(VenClientBuilder b, int i) {
        b.pushListener(host, listenPort(i));
        if (url != null) {
            b.pushUrl(advertised(i));
        }
    }

    /** The listener port of VEN {@code i}: base + i, or 0 (any free port) for every VEN. */
    int listenPort(int i) {
        return port == 0 ? 0 : port + i;
    }

    /** The oadrTransportAddress of VEN {@code i}: --push-url with its port + i, or null without --push-url. */
    String advertised(int i) {
        if (url == null) {
            return null;
        }
        if (url.getPort() < 0) {
            return url.toString();
        }
        String authority = url.getRawAuthority();
        return url.getScheme() + "://" + authority.substring(0, authority.lastIndexOf(':')) + ":" + (url.getPort() + i)
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
