package org.openvtn.device;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedKeyManager;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.bouncycastle.jsse.BCExtendedSSLSession;
import org.bouncycastle.jsse.BCSSLEngine;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.device.transport.ClientTls;

/**
 * One TLS client context for a fleet of device identities in one process (simulators, gateways, benches): Bouncy
 * Castle builds its tables of named groups and signature schemes per {@code SSLContext}, about 30 KB, so a context per
 * device dominates a fleet's heap (BENCHMARKS.md section 8). The shared context's key manager presents, on each
 * connection, the certificate of the device that opened it (the engine is registered before its handshake).
 *
 * <p>Sessions: a shared context also shares its client session cache, and a session resumed on another device's
 * connection would make the server see the first device's certificate there (IEEE 2030.5 §6.11.2 identifies the
 * client by its certificate; the LFDI is its hash). So engines are created without a peer host, which keeps them out
 * of the cache's look-up by host and port, and each identity resumes only the session of its own last handshake
 * (one session per identity). Without a peer host the context cannot check the server's host name: the template must
 * have {@code hostnameVerification(false)}; the server is still authenticated by its chain to the SERCA (CSIP §5.2.1).
 * The SNI extension is set explicitly when the server is named by a DNS name.
 *
 * <p>Use: {@code SepFleetTls fleet = SepFleetTls.create(templateConfig)}, then each device's
 * {@code SepDeviceClient.builder().tlsConfig(own).fleetTls(fleet)}. Trust, suites and protocols come from the
 * template; each device's own key store provides only its certificate and key.
 */
public final class SepFleetTls {
    private final FleetKeyManager keys = new FleetKeyManager();
    private final SslContext context;
    private final AtomicLong aliases = new AtomicLong();

    private SepFleetTls(TlsConfig template) {
        this.context = TlsFactory.of(template).nettyClientContext(keys);
    }

    /**
     * @param template profile IEEE_2030_5, trust anchors (the SERCA), {@code hostnameVerification(false)}; its own key
     *                 store is never presented
     */
    public static SepFleetTls create(TlsConfig template) {
        if (template.profile() != TlsProfile.IEEE_2030_5) {
            throw new IllegalArgumentException("template must use profile IEEE_2030_5, was " + template.profile());
        }
        if (template.hostnameVerification()) {
            throw new IllegalArgumentException("template must have hostnameVerification(false): a fleet context "
                    + "authenticates the server by its chain to the SERCA only");
        }
        return new SepFleetTls(template);
    }

    /** Identities currently registered (devices built and not closed). */
    public int identities() {
        return keys.byAlias.size();
    }

    /** The connections of one device: its certificate and key from {@code own}'s key store. */
    ClientTls identity(TlsConfig own) {
        Identity id = new Identity("d" + aliases.incrementAndGet(), own.keyStore(), own.keyPassword());
        keys.byAlias.put(id.alias, id);
        return new ClientTls() {
            @Override
            public SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
                SslHandler h = context.newHandler(alloc); // no peer host: see the class comment
                SSLEngine engine = h.engine();
                if (!isIpLiteral(host)) {
                    SSLParameters p = engine.getSSLParameters();
                    p.setServerNames(List.of(new SNIHostName(host)));
                    engine.setSSLParameters(p);
                }
                BCExtendedSSLSession last = id.session;
                if (last != null && last.isValid() && engine instanceof BCSSLEngine bc) {
                    bc.setBCSessionToResume(last);
                }
                keys.engines.put(engine, id);
                return h;
            }

            @Override
            public void established(SslHandler handler) {
                SSLEngine engine = handler.engine();
                keys.engines.remove(engine);
                if (engine instanceof BCSSLEngine bc) {
                    id.session = bc.getBCSession();
                }
            }

            @Override
            public void release() {
                keys.byAlias.remove(id.alias);
                id.session = null;
            }
        };
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /** One device: alias in the key manager, certificate chain, key and its last TLS session. */
    private static final class Identity {
        final String alias;
        final X509Certificate[] chain;
        final PrivateKey key;
        volatile BCExtendedSSLSession session;

        Identity(String alias, KeyStore store, char[] password) {
            this.alias = alias;
            try {
                for (String a : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(a)) {
                        Certificate[] c = store.getCertificateChain(a);
                        this.chain = Arrays.copyOf(c, c.length, X509Certificate[].class);
                        this.key = (PrivateKey) store.getKey(a, password);
                        return;
                    }
                }
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot read the device key: " + e.getMessage(), e);
            }
            throw new IllegalArgumentException("keyStore holds no device certificate");
        }
    }

    /** Presents, per engine, the identity that registered it; nothing on engines it does not know. */
    private static final class FleetKeyManager extends X509ExtendedKeyManager {
        final Map<String, Identity> byAlias = new ConcurrentHashMap<>();
        /** Engines between creation and handshake (weak: an engine whose connection failed is simply dropped). */
        final Map<SSLEngine, Identity> engines = Collections.synchronizedMap(new WeakHashMap<>());

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            Identity id = engines.get(engine);
            return id == null ? null : id.alias;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null; // engines only
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            Identity id = byAlias.get(alias);
            return id == null ? null : id.chain.clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            Identity id = byAlias.get(alias);
            return id == null ? null : id.key;
        }
    }
}
