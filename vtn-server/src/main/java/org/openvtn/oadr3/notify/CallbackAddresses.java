package org.openvtn.oadr3.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The 3.1 Definition's webhook guideline "Check for private IPs and reserved IPs" (SSRF): a callback host that
 * resolves to any address that is not a public unicast address is refused unless the operator allows it. Refused:
 * unspecified, loopback, link-local, RFC 1918 private, RFC 6598 shared (100.64/10), RFC 2544 benchmarking
 * (198.18/15), 0/8, 240/4 and broadcast, multicast, IPv6 unique-local (fc00::/7), documentation ranges
 * (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32) and the IETF protocol block 192.0.0/24.
 * Every address a name resolves to is checked (a name with one private address is refused).
 */
final class CallbackAddresses {
    private CallbackAddresses() {
    }

    /** @return the first address of {@code host} that is not public, or null when all are public */
    static InetAddress firstNonPublic(String host) throws UnknownHostException {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        for (InetAddress a : InetAddress.getAllByName(h)) {
            if (!isPublic(a)) {
                return a;
            }
        }
        return null;
    }

    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int o0 = b[0] & 0xff;
            int o1 = b[1] & 0xff;
            int o2 = b[2] & 0xff;
            return !(o0 == 0 || o0 >= 240
                    || o0 == 100 && o1 >= 64 && o1 < 128
                    || o0 == 198 && (o1 == 18 || o1 == 19)
                    || o0 == 192 && o1 == 0 && (o2 == 0 || o2 == 2)
                    || o0 == 198 && o1 == 51 && o2 == 100
                    || o0 == 203 && o1 == 0 && o2 == 113);
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            boolean uniqueLocal = (first & 0xfe) == 0xfc;
            boolean documentation = first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d
                    && (b[3] & 0xff) == 0xb8;
            return !uniqueLocal && !documentation;
        }
        return false;
    }
}
