package org.openvtn.sep.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS-SD over multicast DNS advertisement of the IEEE 2030.5 server (IEEE 2030.5-2018 §6.5 discovery, RFC 6763 over
 * RFC 6762; SunSpec CSIP COMM-001, optional for servers). One service instance of type {@value #SERVICE_TYPE} whose
 * TXT record carries the keys the standard defines for a server: {@code txtvers=1} first, {@code dcap} (the path of
 * DeviceCapability), {@code https} (the TLS port) and {@code level} (security level {@code -S1}: TLS with
 * certificates, the only level this server serves). The SRV record names the same TLS port: the server has no plain
 * HTTP listener (docs/ieee-2030.5.md, "Discovery").
 *
 * <p>Off unless configured ({@link Settings#enabled()}); answers multicast queries and RFC 6762 §5.5 one-shot
 * (unicast) queries on the interface of the given address, through JmDNS.
 */
public final class SepDnsSd implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SepDnsSd.class);

    /** The 2030.5 service type in the {@code .local.} domain (IEEE 2030.5-2018 §6.5; IANA "smartenergy"). */
    public static final String SERVICE_TYPE = "_smartenergy._tcp.local.";
    /** Default service instance name. */
    public static final String DEFAULT_INSTANCE = "OpenVTN IEEE 2030-5 server";

    /**
     * What to advertise.
     *
     * @param enabled  advertise at all ({@code sep.dnsSd.enabled}, default off)
     * @param instance the service instance name (one label of at most 63 bytes, without dots: the responder would
     *                 split it into two labels on the wire)
     * @param address  the address whose interface answers, or null for the listener's host (or this host's address
     *                 when the listener binds every interface)
     */
    public record Settings(boolean enabled, String instance, String address) {
        /** Validates the instance name. */
        public Settings {
            if (instance == null || instance.isBlank()) {
                instance = DEFAULT_INSTANCE;
            }
            if (instance.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
                throw new IllegalArgumentException("dnsSd.instance: at most 63 bytes (RFC 6763 §4.1.1), was '"
                        + instance + "'");
            }
            if (instance.contains(".")) {
                throw new IllegalArgumentException("dnsSd.instance: no dots (the mDNS responder would send them as"
                        + " label separators), was '" + instance + "'");
            }
        }

        /** @return no advertisement (the default) */
        public static Settings off() {
            return new Settings(false, null, null);
        }

        /** @return advertisement on the interface of {@code address} (null: the listener's host) */
        public static Settings on(String address) {
            return new Settings(true, null, address);
        }
    }

    private final JmDNS jmdns;
    private final ServiceInfo info;

    private SepDnsSd(JmDNS jmdns, ServiceInfo info) {
        this.jmdns = jmdns;
        this.info = info;
    }

    /**
     * The TXT keys for a server (IEEE 2030.5-2018 §6.5; {@code txtvers} first, RFC 6763 §6.7).
     *
     * @param httpsPort the TLS port
     * @param dcapPath  the path of DeviceCapability
     * @return the keys in record order
     */
    public static Map<String, String> txt(int httpsPort, String dcapPath) {
        Map<String, String> txt = new LinkedHashMap<>();
        txt.put("txtvers", "1");
        txt.put("dcap", dcapPath);
        txt.put("https", Integer.toString(httpsPort));
        txt.put("level", "-S1");
        return Collections.unmodifiableMap(txt);
    }

    /**
     * Starts advertising, or returns null when {@code settings} are off.
     *
     * @param settings   what to advertise
     * @param listenHost the 2030.5 listener's bind address (used when settings name none)
     * @param httpsPort  the listener's bound port
     * @param dcapPath   the path of DeviceCapability
     * @return the running advertisement, or null
     * @throws IllegalStateException when the responder cannot start (the address names no interface of this host)
     */
    public static SepDnsSd start(Settings settings, String listenHost, int httpsPort, String dcapPath) {
        if (settings == null || !settings.enabled()) {
            return null;
        }
        String host = settings.address() != null ? settings.address() : listenHost;
        try {
            InetAddress on = host == null || host.equals("0.0.0.0") || host.equals("::")
                    ? InetAddress.getLocalHost() : InetAddress.getByName(host);
            JmDNS jmdns = JmDNS.create(on, "openvtn-" + httpsPort);
            ServiceInfo info = ServiceInfo.create(SERVICE_TYPE, settings.instance(), httpsPort, 0, 0,
                    txt(httpsPort, dcapPath));
            try {
                jmdns.registerService(info);
            } catch (IOException | RuntimeException e) {
                jmdns.close();
                throw e;
            }
            LOG.info("IEEE 2030.5 DNS-SD: advertising '{}' ({}) on {}, dcap {} https port {}", info.getName(),
                    SERVICE_TYPE, on.getHostAddress(), dcapPath, httpsPort);
            return new SepDnsSd(jmdns, info);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("sep.dnsSd.address: no such address '" + host + "'", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the IEEE 2030.5 DNS-SD responder on " + host + ": "
                    + e.getMessage(), e);
        }
    }

    /** @return the advertised instance's full name ({@code instance._smartenergy._tcp.local.}) */
    public String qualifiedName() {
        return info.getQualifiedName();
    }

    /** Withdraws the advertisement (goodbye packets, RFC 6762 §10.1) and stops the responder. */
    @Override
    public void close() {
        try {
            jmdns.close(); // unregisters every service first (goodbye packets)
        } catch (IOException | RuntimeException e) {
            LOG.warn("stopping the IEEE 2030.5 DNS-SD responder failed: {}", e.toString());
        }
    }
}
