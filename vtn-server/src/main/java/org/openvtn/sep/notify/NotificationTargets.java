package org.openvtn.sep.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.openvtn.sep.service.NotificationUriRule;

/**
 * Which hosts a subscription's {@code notificationURI} may name (issue #12 item 10: server-side request forgery).
 * A device chooses where the server POSTs its notifications; without a rule it could make the VTN connect to the
 * operator's own loopback, link-local or private services. The rule is applied twice: when the subscription is
 * created or updated (an IP literal or a host name the rule refuses gets 400), and to every address the host name
 * resolves to when a notification is delivered, so a name that later resolves to a private address (DNS
 * rebinding) is not connected to either.
 *
 * <p>{@link #publicOnly(List)} is the production rule: loopback, link-local, site-local/unique-local, wildcard,
 * multicast, CGNAT (100.64/10), IPv4-mapped forms of these and the documentation/benchmark ranges are refused
 * unless an allowlist entry (an exact host name or a CIDR block) names them. {@link #any()} is for development
 * and tests, where devices listen on loopback.
 */
public final class NotificationTargets implements NotificationUriRule {

    private final boolean anyAddress;
    private final Set<String> hosts;
    private final List<Cidr> blocks;
    private final boolean plainHttpLoopback;

    private NotificationTargets(boolean anyAddress, Set<String> hosts, List<Cidr> blocks) {
        this(anyAddress, hosts, blocks, false);
    }

    private NotificationTargets(boolean anyAddress, Set<String> hosts, List<Cidr> blocks, boolean plainHttpLoopback) {
        this.anyAddress = anyAddress;
        this.hosts = hosts;
        this.blocks = blocks;
        this.plainHttpLoopback = plainHttpLoopback;
    }

    /**
     * Development only ({@code openvtn dev --allow-http-notify-loopback}, issue #17): the same rule, and besides
     * {@code https} a plain {@code http} notificationURI whose host is a loopback literal ({@code 127.0.0.0/8},
     * {@code ::1}) or {@code localhost}, for test harnesses that run a plain-http notification sink. The host rule
     * still applies (loopback must be allowed by it too). {@code openvtn serve} never sets this.
     *
     * @return a copy that allows plain http on loopback
     */
    public NotificationTargets withPlainHttpOnLoopback() {
        return new NotificationTargets(anyAddress, hosts, blocks, true);
    }

    @Override
    public boolean plainHttpAllowed(String host) {
        if (!plainHttpLoopback || host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        return Cidr.isLiteral(h) && Cidr.literal(h).isLoopbackAddress();
    }

    /** @return a rule that allows every address (development, tests) */
    public static NotificationTargets any() {
        return new NotificationTargets(true, Set.of(), List.of());
    }

    /**
     * @param allow host names (matched exactly, case-insensitively) and CIDR blocks ({@code 10.20.0.0/16},
     *              {@code fd00::/8}, or a single address) that are allowed although not public
     * @return the production rule
     * @throws IllegalArgumentException naming an entry that is neither a host name nor a CIDR block
     */
    public static NotificationTargets publicOnly(List<String> allow) {
        Set<String> names = new TreeSet<>();
        List<Cidr> cidrs = new ArrayList<>();
        for (String raw : allow) {
            String e = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                throw new IllegalArgumentException("allowedNotificationHosts: empty entry");
            }
            if (e.contains("/") || Cidr.isLiteral(e)) {
                cidrs.add(Cidr.parse(e));
            } else if (e.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?")) {
                names.add(e);
            } else {
                throw new IllegalArgumentException("allowedNotificationHosts: '" + raw
                        + "' is neither a host name nor a CIDR block");
            }
        }
        return new NotificationTargets(false, Set.copyOf(names), List.copyOf(cidrs));
    }

    /** @return true when every address is allowed */
    public boolean allowsAny() {
        return anyAddress;
    }

    /**
     * The check at subscription time: an IP literal is judged by its address, a host name is allowed unless it
     * is a loopback name; its addresses are judged again at delivery ({@link #allowedAddress(String, InetAddress)}).
     *
     * @param host the notificationURI's host (brackets of an IPv6 literal allowed)
     * @return null when allowed, else the reason
     */
    @Override
    public String refusal(String host) {
        if (anyAddress) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (hosts.contains(h)) {
            return null;
        }
        if (Cidr.isLiteral(h)) {
            InetAddress a = Cidr.literal(h);
            return allowedAddress(h, a) ? null : "notificationURI host " + h + " is a " + kind(a)
                    + " address the server does not notify";
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return "notificationURI host " + h + " is a loopback name the server does not notify";
        }
        return null;
    }

    /**
     * The check at connection time, for every address a notificationURI host resolved to.
     *
     * @param host    the host name as written in the notificationURI
     * @param address one of its addresses
     * @return true when the server may connect to it
     */
    public boolean allowedAddress(String host, InetAddress address) {
        if (anyAddress || hosts.contains(host.toLowerCase(Locale.ROOT))) {
            return true;
        }
        for (Cidr c : blocks) {
            if (c.contains(address)) {
                return true;
            }
        }
        return kind(address) == null;
    }

    /** @return what makes the address non-public, or null for a public address */
    static String kind(InetAddress a) {
        if (a instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return kind(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return "malformed";
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "unique-local";
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return "documentation";
            }
        }
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isAnyLocalAddress()) {
            return "wildcard";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        if (a instanceof Inet4Address) {
            byte[] b = a.getAddress();
            int b0 = b[0] & 0xff;
            int b1 = b[1] & 0xff;
            if (b0 == 0) {
                return "this-network";
            }
            if (b0 == 100 && (b1 & 0xc0) == 64) {
                return "shared (CGNAT)";
            }
            if (b0 == 198 && (b1 == 18 || b1 == 19)) {
                return "benchmarking";
            }
            if (b0 >= 240) {
                return "reserved";
            }
        }
        return null;
    }

    /** An address block. */
    private record Cidr(byte[] network, int bits) {
        static boolean isLiteral(String s) {
            return s.matches("[0-9.]+") && s.chars().filter(c -> c == '.').count() == 3
                    || s.contains(":") && s.matches("[0-9a-f:.]+");
        }

        static InetAddress literal(String s) {
            if (!isLiteral(s)) {
                throw new IllegalArgumentException("allowedNotificationHosts: '" + s + "' is not an IP address");
            }
            try {
                return InetAddress.getByName(s); // a literal: no name lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("allowedNotificationHosts: '" + s + "' is not an IP address");
            }
        }

        static Cidr parse(String s) {
            int slash = s.indexOf('/');
            InetAddress a = literal(slash < 0 ? s : s.substring(0, slash));
            int max = a.getAddress().length * 8;
            int bits;
            try {
                bits = slash < 0 ? max : Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("allowedNotificationHosts: '" + s + "' has a bad prefix length");
            }
            return new Cidr(a.getAddress(), bits);
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((b[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
