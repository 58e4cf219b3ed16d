package org.openvtn.oadr20b.push;

import java.net.URI;
import java.util.Locale;

/**
 * The service URL of a push VEN, built from its oadrTransportAddress.
 *
 * <p>OpenADR 2.0b profile 9.1.2 (Service Endpoint URIs) names every simple-HTTP endpoint
 * {@code <prefix>/OpenADR2/Simple/2.0b/<service>}, for the VTN and for a push VEN alike, and the schema documents
 * oadrTransportAddress as the "root address used to communicate with the other party". {@link Form#SPEC} follows
 * that rule and is the default; {@link Form#SHORT} ({@code <address>/<service>}) is the convention of VENs that
 * register their full endpoint prefix as the transport address.
 */
public final class PushUrls {

    /** Service-URL conventions. */
    public enum Form {
        /** {@code <transportAddress>/OpenADR2/Simple/2.0b/<service>} (2.0b 9.1.2). */
        SPEC,
        /** {@code <transportAddress>/<service>}. */
        SHORT;

        /** @return the other convention */
        public Form other() {
            return this == SPEC ? SHORT : SPEC;
        }

        /** @return the form named {@code spec} or {@code short} (case-insensitive) */
        public static Form parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("push.urlForm: 'spec' or 'short' expected, was '" + s + "'");
            }
        }
    }

    /** The path the spec rule appends before the service name. */
    public static final String SPEC_PATH = "/OpenADR2/Simple/2.0b/";

    private PushUrls() {
    }

    /**
     * @param transportAddress the VEN's oadrTransportAddress ({@code https://host:port[/prefix][/]})
     * @param form             convention
     * @param service          {@code EiEvent}, {@code EiReport}, {@code EiRegisterParty}
     * @return the URL to POST to
     * @throws IllegalArgumentException when the address is not an absolute https URL with a host
     */
    public static URI serviceUri(String transportAddress, Form form, String service) {
        URI base = parse(transportAddress);
        String root = base.toString();
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        if (form == Form.SPEC) {
            // an address that already ends in the spec path is used as it stands
            String lower = root.toLowerCase(Locale.ROOT);
            String spec = SPEC_PATH.substring(0, SPEC_PATH.length() - 1).toLowerCase(Locale.ROOT);
            return URI.create(lower.endsWith(spec) ? root + "/" + service : root + SPEC_PATH + service);
        }
        return URI.create(root + "/" + service);
    }

    /**
     * @return the parsed address
     * @throws IllegalArgumentException naming what is wrong
     */
    public static URI parse(String transportAddress) {
        if (transportAddress == null || transportAddress.isBlank()) {
            throw new IllegalArgumentException("oadrTransportAddress: missing");
        }
        URI u;
        try {
            u = URI.create(transportAddress.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("oadrTransportAddress: not a URL");
        }
        if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("oadrTransportAddress: an https URL with a host is required");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("oadrTransportAddress: no user info, query or fragment allowed");
        }
        return u;
    }

    /** @return the 2.0b service (endpoint) a pushed message type belongs to */
    public static String serviceOf(String kind) {
        switch (kind) {
            case "EVENTS_CHANGED":
                return "EiEvent";
            case "REPORT_REQUESTED":
            case "REPORT_CANCELLED":
            case "VTN_METADATA":
                return "EiReport";
            default:
                return "EiRegisterParty";
        }
    }
}
