package org.openvtn.conformance.sep;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.openvtn.conformance.CaseContext;

/**
 * Discovery by DNS-SD over multicast DNS: CSIP COMM-001 (optional for servers; IEEE 2030.5-2018 §6.5, RFC 6763 over
 * RFC 6762). The suite browses {@code _smartenergy._tcp.local.} with real multicast queries on the interface of the
 * target property {@code dnsSdAddress} (default: the base URL's host) for {@code dnsSdWaitSeconds} (8), takes the instance whose {@code https} TXT
 * key (or SRV port) is the base URL's port, checks its TXT record and fetches DeviceCapability at the advertised
 * {@code dcap} path on the advertised port.
 */
final class DnsSdCases {

    /** Capability: the server advertises itself by DNS-SD (optional for servers, CSIP COMM-001). */
    static final String CAPABILITY = "dnsSd";
    /** The 2030.5 service type. */
    static final String SERVICE_TYPE = "_smartenergy._tcp.local.";
    static final String FOUND = "sep.dnssd.found";
    static final String TXT = "sep.dnssd.txt";
    static final String DCAP = "sep.dnssd.dcap";

    private DnsSdCases() {
    }

    static List<SepCase> cases() {
        return List.of(SepCase.must(List.of("COMM-001"), "DNS-SD: _smartenergy._tcp advertised with txtvers, dcap"
                        + " and https; the advertised dcap path on the advertised port serves DeviceCapability",
                "IEEE 2030.5-2018 §6.5 discovery (DNS-SD, xmDNS); CSIP COMM-001", Set.of(CAPABILITY),
                DnsSdCases::comm001));
    }

    private static void comm001(CaseContext ctx, SepSession s) throws IOException {
        URI base = s.dcap();
        int port = base.getPort() < 0 ? 443 : base.getPort();
        String on = ctx.target().property("dnsSdAddress", base.getHost());
        ServiceInfo[] found;
        long waitMs = 1000L * Long.parseLong(ctx.target().property("dnsSdWaitSeconds", "8"));
        try (JmDNS browser = JmDNS.create(InetAddress.getByName(on), "sep-server-suite")) {
            found = browser.list(SERVICE_TYPE, waitMs);
        }
        ServiceInfo ours = null;
        for (ServiceInfo i : found) {
            ctx.note("DNS-SD: " + i.getQualifiedName() + " SRV port " + i.getPort() + " TXT "
                    + new String(i.getTextBytes(), StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", " ").strip());
            if (Integer.toString(port).equals(i.getPropertyString("https")) || i.getPort() == port) {
                ours = i;
            }
        }
        if (ours == null) {
            throw ctx.fail(FOUND, SERVICE_TYPE, "no " + SERVICE_TYPE + " instance for port " + port + " answered a"
                    + " multicast browse on " + on + " within " + waitMs / 1000 + " s (" + found.length
                    + " other instance(s))");
        }
        String txt = new String(ours.getTextBytes(), StandardCharsets.UTF_8);
        SepCases.check(ctx, txt.length() > 1 && txt.substring(1).startsWith("txtvers=1"), TXT,
                ours.getQualifiedName() + "/TXT", "txtvers=1 must be the first TXT string (RFC 6763 §6.7)");
        String https = ours.getPropertyString("https");
        SepCases.check(ctx, https != null && https.matches("[0-9]*"), TXT, ours.getQualifiedName() + "/TXT/https",
                "https key missing or not a port: '" + https + "'");
        String dcap = ours.getPropertyString("dcap");
        if (dcap == null || !dcap.startsWith("/")) {
            throw ctx.fail(TXT, ours.getQualifiedName() + "/TXT/dcap", "dcap key missing or not a path: '" + dcap + "'");
        }
        int tlsPort = https == null || !https.matches("[0-9]+") ? 443 : Integer.parseInt(https);
        SepClientHarness c = s.client(ctx, s.mainDevice());
        SepReply r = c.get("GET advertised dcap " + dcap, "https://" + hostLiteral(base.getHost()) + ":" + tlsPort
                + dcap);
        SepCases.check(ctx, r.status() == 200 && r.root("DeviceCapability").isPresent(), DCAP,
                ours.getQualifiedName() + "/TXT/dcap", "the advertised dcap " + dcap + " on port " + tlsPort
                        + " answered " + r.describe() + ", not a DeviceCapability");
    }

    private static String hostLiteral(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
