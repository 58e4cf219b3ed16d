package org.openvtn.certs.tls;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Builds the TLS objects of one endpoint from a {@link TlsConfig}: {@link SSLContext}s for the
 * server and client roles, Jetty {@code SslContextFactory} settings and Netty {@code SslContext}s.
 * Every context requires the peer's certificate and validates it against the configured trust
 * anchors, CRLs and depth (see {@link TlsProfile} for the suites and protocol versions).
 *
 * <p>IEEE 2030.5 contexts use the Bouncy Castle JSSE provider passed explicitly; nothing is
 * installed as a JVM-wide provider.
 */
public final class TlsFactory {

    /**
     * JDK property that makes a JSSE server issue stateless session tickets (RFC 5077 for TLS 1.2, TLS 1.3 PSK
     * tickets) and resume from them, keeping no session on the server (issue #18: a cached session is ~2.8 KB of heap
     * per idle VEN). Until session 9 JSSE answered every TLS 1.2 handshake with an empty ticket because the trust
     * manager bound the CRL generation to the session (JSSE makes no ticket of a session with bound values), so it was
     * set to {@code false}; nothing is bound any more ({@link RevocationSource#checkSession} needs no session state)
     * and servers built here issue tickets unless the operator set the property. The session cache, bounded by
     * {@link TlsConfig#sessionCacheSize()} and {@link TlsConfig#sessionTimeout()}, then only holds the sessions of
     * clients that do not take tickets. The JDK reads the property when a server session context is created, so it
     * is set before this class builds one. Bouncy Castle JSSE (the IEEE 2030.5 listener) ignores it: it issues no
     * tickets and resumes from its bounded session cache.
     */
    public static final String SERVER_SESSION_TICKETS = "jdk.tls.server.enableSessionTicketExtension";

    static {
        if (System.getProperty(SERVER_SESSION_TICKETS) == null) {
            System.setProperty(SERVER_SESSION_TICKETS, "true");
        }
    }

    private final TlsConfig config;
    private final Provider jsseProvider;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final RevocationSource revocation;
    private volatile SSLContext server;
    private volatile SSLContext client;

    private TlsFactory(TlsConfig config) {
        this.config = config;
        this.revocation = new RevocationSource(config);
        revocation.onReload(this::invalidateSessions);
        this.jsseProvider = chooseProvider(config);
        this.protocols = config.profile().protocols(config.strict()).toArray(new String[0]);
        this.cipherSuites = config.profile().cipherSuites(config.strict()).toArray(new String[0]);
    }

    /** A factory for the configuration; contexts are created on first use and then reused. */
    public static TlsFactory of(TlsConfig config) {
        return new TlsFactory(config);
    }

    public TlsConfig config() {
        return config;
    }

    /** The revocation data of this endpoint (CRL reload, staleness), shared by every context it makes. */
    public RevocationSource revocation() {
        return revocation;
    }

    /**
     * A Jetty handshake listener to add to a server connector ({@code connector.addBean(...)}):
     * after every handshake, full or resumed, the client's certificate must still be valid and,
     * if the CRLs changed since its session was checked, not revoked; otherwise the connection
     * is closed (issue #12 item 2: a cached session does not outlive revocation or expiry).
     */
    public SslHandshakeListener sessionGuard() {
        return new SessionGuard(revocation, config.profile(), config.rejectionListener());
    }

    /** The JSSE provider in use: SunJSSE or Bouncy Castle JSSE. */
    public Provider provider() {
        return jsseProvider;
    }

    /** The enabled protocol versions, in preference order. */
    public String[] protocols() {
        return protocols.clone();
    }

    /** The enabled cipher suites, in server preference order. */
    public String[] cipherSuites() {
        return cipherSuites.clone();
    }

    /** Server-role context: its engines and sockets need client authentication and use the profile's suites. */
    public SSLContext serverSslContext() {
        SSLContext c = server;
        if (c == null) {
            synchronized (this) {
                if (server == null) {
                    server = newContext(true);
                }
                c = server;
            }
        }
        return c;
    }

    /** Client-role context: the profile's suites and, unless disabled, host name verification. */
    public SSLContext clientSslContext() {
        SSLContext c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = newContext(false);
                }
                c = client;
            }
        }
        return c;
    }

    /**
     * Configures a Jetty server-side factory: this profile's context, client certificate
     * required ({@code needClientAuth}), the profile's protocols and suites, and Jetty's default
     * exclusions cleared (they drop {@code TLS_RSA_*}, which OpenADR 2.0b mandates).
     */
    public void configureJetty(SslContextFactory.Server factory) {
        factory.setSslContext(serverSslContext());
        factory.setNeedClientAuth(true);
        factory.setWantClientAuth(false);
        factory.setIncludeProtocols(protocols());
        factory.setExcludeProtocols("SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1");
        factory.setIncludeCipherSuites(cipherSuites());
        factory.setExcludeCipherSuites();
        factory.setUseCipherSuitesOrder(true);
        factory.setEndpointIdentificationAlgorithm(null);
    }

    /** Configures a Jetty client-side factory (e.g. for Jetty's HttpClient). */
    public void configureJettyClient(SslContextFactory.Client factory) {
        factory.setSslContext(clientSslContext());
        factory.setIncludeProtocols(protocols());
        factory.setExcludeProtocols("SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1");
        factory.setIncludeCipherSuites(cipherSuites());
        factory.setExcludeCipherSuites();
        factory.setEndpointIdentificationAlgorithm(config.hostnameVerification() ? "HTTPS" : null);
    }

    /** A Netty server {@link SslContext} requiring client certificates. */
    public SslContext nettyServerContext() {
        return netty(serverSslContext(), false, ClientAuth.REQUIRE);
    }

    /**
     * A Netty client {@link SslContext}. Create handlers with
     * {@code newHandler(alloc, host, port)} so the host name can be verified.
     */
    public SslContext nettyClientContext() {
        return netty(clientSslContext(), true, ClientAuth.NONE);
    }

    /**
     * A Netty client {@link SslContext} over a new context whose client identity comes from {@code keys} instead of
     * this configuration's key store: one context for many identities (a device fleet), the key manager choosing the
     * identity per connection. Trust, suites, protocols and named groups are this configuration's. The caller must
     * keep one identity's TLS session from being resumed on another identity's connection (the client session cache
     * of the context is shared): create handlers without a peer host and resume sessions explicitly per identity.
     */
    public SslContext nettyClientContext(X509ExtendedKeyManager keys) {
        return netty(newContext(false, new KeyManager[] {keys}), true, ClientAuth.NONE);
    }

    private SslContext netty(SSLContext context, boolean isClient, ClientAuth auth) {
        return new JdkSslContext(context, isClient, Arrays.asList(cipherSuites), IdentityCipherSuiteFilter.INSTANCE,
                ApplicationProtocolConfig.DISABLED, auth, protocols(), false);
    }

    private SSLContext newContext(boolean serverRole) {
        return newContext(serverRole, null);
    }

    /** @param keys the key managers, or null for this configuration's key store */
    private SSLContext newContext(boolean serverRole, KeyManager[] keys) {
        try {
            boolean bc = jsseProvider != null;
            // The "simple" key managers (JDK SunX509, BCJSSE X.509) decrypt the private keys once, at init. The PKIX
            // ones re-read the key from the PKCS#12 store, a PBKDF2 decryption, on every handshake: a third of the
            // server's handshake CPU (BENCHMARKS.md section 4). Selection by key type is all we need: a key store
            // holds one credential per key type (the VTN's RSA + ECC pair) or a single one.
            if (keys == null) {
                KeyManagerFactory kmf = bc ? KeyManagerFactory.getInstance("X.509", jsseProvider)
                        : KeyManagerFactory.getInstance("SunX509");
                kmf.init(config.keyStore(), config.keyPassword());
                keys = kmf.getKeyManagers();
            }

            Set<TrustAnchor> anchors = config.trustAnchors().stream()
                    .map(a -> new TrustAnchor(a, null)).collect(Collectors.toSet());
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, new X509CertSelector());
            params.setRevocationEnabled(false); // CRLs are checked by CheckingTrustManager, see there
            params.setMaxPathLength(config.maxChainDepth() - 2);
            params.addCertStore(CertStore.getInstance("Collection",
                    new CollectionCertStoreParameters(new HashSet<>(config.trustAnchors()))));
            TrustManagerFactory tmf = bc ? TrustManagerFactory.getInstance("PKIX", jsseProvider)
                    : TrustManagerFactory.getInstance("PKIX");
            tmf.init(new CertPathTrustManagerParameters(params));
            X509ExtendedTrustManager pkix = Arrays.stream(tmf.getTrustManagers())
                    .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast)
                    .findFirst().orElseThrow(() -> new GeneralSecurityException("no X509ExtendedTrustManager"));
            TrustManager tm = new CheckingTrustManager(pkix, config.profile(), revocation,
                    List.copyOf(config.trustAnchors()), config.rejectionListener());

            SSLContext ctx = bc ? SSLContext.getInstance("TLS", jsseProvider) : SSLContext.getInstance("TLS");
            ctx.init(keys, new TrustManager[] {tm}, null);
            int timeout = (int) Math.min(Integer.MAX_VALUE, config.sessionTimeout().toSeconds());
            for (SSLSessionContext sessions : List.of(ctx.getServerSessionContext(), ctx.getClientSessionContext())) {
                sessions.setSessionTimeout(timeout);
                sessions.setSessionCacheSize(config.sessionCacheSize());
            }
            return new CustomizingSslContext(ctx, serverRole, protocols, cipherSuites,
                    config.profile().namedGroups(), config.hostnameVerification());
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot build the " + config.profile() + " TLS context: " + e.getMessage(), e);
        }
    }

    /** After a CRL change no cached session may be resumed without a fresh check. */
    private void invalidateSessions() {
        for (SSLContext ctx : new SSLContext[] {server, client}) {
            if (ctx == null) {
                continue;
            }
            for (SSLSessionContext sessions : List.of(ctx.getServerSessionContext(), ctx.getClientSessionContext())) {
                for (byte[] id : Collections.list(sessions.getIds())) {
                    SSLSession s = sessions.getSession(id);
                    if (s != null) {
                        s.invalidate();
                    }
                }
            }
        }
    }

    /** Null means the JDK's default JSSE provider. */
    private static Provider chooseProvider(TlsConfig config) {
        switch (config.provider()) {
            case BOUNCY_CASTLE:
                return BcProviders.jsse();
            case JDK:
                return null;
            default:
                if (config.profile().requiresBouncyCastle() || !jdkSupports(config.profile().mandatedCipherSuites())) {
                    return BcProviders.jsse();
                }
                return null;
        }
    }

    private static boolean jdkSupports(List<String> suites) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, null, null);
            Set<String> supported = Set.of(ctx.getSupportedSSLParameters().getCipherSuites());
            return supported.containsAll(suites);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The certificates of the configured trust anchors. */
    public List<X509Certificate> trustAnchors() {
        return config.trustAnchors();
    }
}
