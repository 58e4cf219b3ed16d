package org.openvtn.certs.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;

/**
 * An initialised {@link SSLContext} whose engines and sockets start with a profile's settings:
 * protocols, suites, client authentication required (server role), host name verification
 * (client role) and, on Bouncy Castle, the named groups (IEEE 2030.5: secp256r1 only). Jetty,
 * Netty and plain sockets therefore get the profile even where they do not apply it themselves.
 */
final class CustomizingSslContext extends SSLContext {

    CustomizingSslContext(SSLContext delegate, boolean server, String[] protocols, String[] suites,
                          List<String> namedGroups, boolean verifyHostname) {
        super(new Spi(delegate, new Settings(server, protocols, suites, namedGroups, verifyHostname)),
                delegate.getProvider(), delegate.getProtocol());
    }

    private record Settings(boolean server, String[] protocols, String[] suites, List<String> namedGroups,
                            boolean verifyHostname) {

        SSLEngine apply(SSLEngine engine) {
            engine.setUseClientMode(!server);
            SSLParameters p = engine.getSSLParameters();
            apply(p);
            engine.setSSLParameters(p);
            if (!namedGroups.isEmpty() && engine instanceof BCSSLEngine bc) {
                BCSSLParameters bp = bc.getParameters();
                bp.setNamedGroups(namedGroups.toArray(new String[0]));
                bc.setParameters(bp);
            }
            return engine;
        }

        Socket apply(Socket socket) {
            if (socket instanceof SSLSocket s) {
                s.setUseClientMode(!server);
                SSLParameters p = s.getSSLParameters();
                apply(p);
                s.setSSLParameters(p);
                if (!namedGroups.isEmpty() && s instanceof BCSSLSocket bc) {
                    BCSSLParameters bp = bc.getParameters();
                    bp.setNamedGroups(namedGroups.toArray(new String[0]));
                    bc.setParameters(bp);
                }
            }
            return socket;
        }

        ServerSocket apply(ServerSocket socket) {
            if (socket instanceof SSLServerSocket s) {
                SSLParameters p = s.getSSLParameters();
                apply(p);
                s.setSSLParameters(p);
            }
            return socket;
        }

        private void apply(SSLParameters p) {
            p.setProtocols(protocols);
            p.setCipherSuites(suites);
            if (server) {
                p.setNeedClientAuth(true);
                p.setUseCipherSuitesOrder(true);
            } else if (verifyHostname) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
        }
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final Settings settings;

        Spi(SSLContext delegate, Settings settings) {
            this.delegate = delegate;
            this.settings = settings;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            throw new UnsupportedOperationException("already initialised from a TlsConfig");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new SocketFactory(delegate.getSocketFactory(), settings);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return new ServerSocketFactory(delegate.getServerSocketFactory(), settings);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return settings.apply(delegate.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return settings.apply(delegate.createSSLEngine(host, port));
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            SSLParameters p = delegate.getDefaultSSLParameters();
            settings.apply(p);
            return p;
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
        }
    }

    private static final class SocketFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final Settings settings;

        SocketFactory(SSLSocketFactory delegate, Settings settings) {
            this.delegate = delegate;
            this.settings = settings;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return settings.suites().clone();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return settings.apply(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return settings.apply(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return settings.apply(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return settings.apply(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return settings.apply(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return settings.apply(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    private static final class ServerSocketFactory extends SSLServerSocketFactory {
        private final SSLServerSocketFactory delegate;
        private final Settings settings;

        ServerSocketFactory(SSLServerSocketFactory delegate, Settings settings) {
            this.delegate = delegate;
            this.settings = settings;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return settings.suites().clone();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return settings.apply(delegate.createServerSocket());
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return settings.apply(delegate.createServerSocket(port));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return settings.apply(delegate.createServerSocket(port, backlog));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            return settings.apply(delegate.createServerSocket(port, backlog, address));
        }
    }
}
