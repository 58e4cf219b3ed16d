package org.openvtn.oadr3.client;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.certs.pki.PkiException;

/**
 * TLS contexts of the 3.1 clients: PKIX validation against the configured trust anchors only (the JDK's default
 * PKIX trust manager over a key store holding just those anchors; never a trust-all manager), TLS 1.2/1.3, and the
 * optional client key for mutual TLS. The webhook receiver's server context uses the same key store. Internal.
 */
final class Oadr3Tls {
    private Oadr3Tls() {
    }

    static List<X509Certificate> readCertificates(Path file, String field) {
        try {
            return PemFiles.readCertificates(file);
        } catch (PkiException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    static KeyStore readPkcs12(Path file, char[] password, String field) {
        try {
            return PemFiles.readPkcs12(file, password);
        } catch (PkiException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    /**
     * The first line of a file holding a secret (an MQTT password); a file that group or others can read is used
     * but named in one WARN line. The secret itself is never logged.
     */
    static char[] readSecret(Path file, String field) {
        try {
            org.openvtn.certs.pki.SecretFiles.warnIfLoose(file, field);
            String first = java.nio.file.Files.readAllLines(file).stream().findFirst().orElse("").strip();
            if (first.isEmpty()) {
                throw new IllegalArgumentException(field + ": " + file + " is empty");
            }
            return first.toCharArray();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(field + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Client context: trust only {@code anchors}; present {@code keyStore}'s key when given. */
    static SSLContext clientContext(List<X509Certificate> anchors, KeyStore keyStore, char[] password) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate c : anchors) {
                trust.setCertificateEntry("anchor-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (keyStore != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, password);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    /** Server context for the webhook receiver: {@code keyStore}'s key and chain; no client certificate asked. */
    static SSLContext serverContext(KeyStore keyStore, char[] password) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("webhook TLS setup failed: " + e.getMessage(), e);
        }
    }
}
