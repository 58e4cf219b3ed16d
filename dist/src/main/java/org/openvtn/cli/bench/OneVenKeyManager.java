package org.openvtn.cli.bench;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.openvtn.certs.pki.Credential;

/**
 * Presents one VEN's certificate, as TLS client (registration, polls) and as TLS server (its push listener): the
 * key manager of each simulated VEN of the bench fleets.
 */
final class OneVenKeyManager extends X509ExtendedKeyManager {
    private final Credential credential;
    private final java.util.concurrent.atomic.AtomicLong certificateRequests;

    OneVenKeyManager(Credential credential) {
        this(credential, new java.util.concurrent.atomic.AtomicLong());
    }

    /**
     * @param certificateRequests counts the client certificate selections: a full handshake asks for the client's
     *                            certificate (CertificateRequest), an abbreviated one that resumes a session does not
     *                            (RFC 5246 §7.3, RFC 8446 §4.6.2), so this counts full handshakes
     */
    OneVenKeyManager(Credential credential, java.util.concurrent.atomic.AtomicLong certificateRequests) {
        this.credential = credential;
        this.certificateRequests = certificateRequests;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        certificateRequests.incrementAndGet();
        return "ven";
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return keyType.startsWith("EC") || keyType.equals(credential.key().getAlgorithm()) ? "ven" : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {"ven"};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return "ven";
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[] {"ven"};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return "ven";
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return credential.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return credential.key();
    }
}
