package org.openvtn.certs.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import org.openvtn.certs.pki.Credential;

/**
 * A client key manager that presents one credential whatever the server asks for, as a
 * misbehaving or malicious peer would; so the server's own checks are what reject it.
 */
final class FixedKeyManager extends X509ExtendedKeyManager {

    private final Credential credential;

    FixedKeyManager(Credential credential) {
        this.credential = credential;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {credential.name()};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return credential.name();
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return credential.name();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[] {credential.name()};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return credential.name();
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return credential.name();
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return credential.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return credential.key();
    }
}
