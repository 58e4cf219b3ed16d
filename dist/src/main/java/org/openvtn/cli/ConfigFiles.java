package org.openvtn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.cli.ServeConfigFile.ConfigException;

/**
 * The files a {@code openvtn serve} configuration names (docs/configuration.md): paths relative to the configuration
 * file's folder, owner-only secrets (a password file group or others may read is refused, like a readable private
 * key), key stores and their passwords. Every failure is a {@link ConfigException} naming the key.
 */
final class ConfigFiles {
    private final Path file;

    /** @param file the configuration file: relative paths resolve against its folder, errors name it */
    ConfigFiles(Path file) {
        this.file = file;
    }

    /** The admin listener's server TLS context from a PKCS#12 key store. */
    SSLContext serverContext(Path p12, char[] password) throws ConfigException {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(file, "admin.keyStore", "cannot load " + p12 + ": " + e.getMessage());
        }
    }

    /** An owner-only secret file's content: a file that group or others may read is refused. */
    String ownerOnlySecret(String value, String key) throws ConfigException {
        Path p = existing(value, key);
        try {
            if (Files.getFileStore(p).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (perms.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
                    throw new ConfigException(file, key, "file " + p + " is readable by group"
                            + " or others (" + PosixFilePermissions.toString(perms) + "); chmod 600 it");
                }
            }
            return Files.readString(p, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException(file, key, "cannot read: " + e.getMessage());
        }
    }

    /** A required path, resolved against the configuration file's folder. */
    Path path(String value, String key) throws ConfigException {
        if (value == null) {
            throw new ConfigException(file, key, "required");
        }
        return file.getParent().resolve(value).normalize();
    }

    /** A required path that must name an existing file. */
    Path existing(String value, String key) throws ConfigException {
        Path p = path(value, key);
        if (!Files.isRegularFile(p)) {
            throw new ConfigException(file, key, "file " + p + " does not exist");
        }
        return p;
    }

    /** A listener's key store: one that cannot be opened (wrong password, not PKCS#12) is a mistake in the file. */
    TlsConfig.Builder keyStore(TlsConfig.Builder tls, Path p12, char[] password, String prefix)
            throws ConfigException {
        try {
            return tls.keyStore(p12, password);
        } catch (org.openvtn.certs.pki.PkiException e) {
            throw new ConfigException(file, prefix + "keyStore", e.getMessage()
                    + " (check " + prefix + "keyStorePassword / keyStorePasswordFile)");
        }
    }

    /** A listener's key store password: inline or from a file, not both. */
    char[] password(ServeYaml.TlsListener m, String prefix) throws ConfigException {
        return password(m.keyStorePassword(), m.keyStorePasswordFile(), prefix);
    }

    char[] password(String password, String passwordFile, String prefix) throws ConfigException {
        if (password != null && passwordFile != null) {
            throw new ConfigException(file, prefix + "keyStorePassword",
                    "give keyStorePassword or keyStorePasswordFile, not both");
        }
        if (passwordFile != null) {
            Path p = existing(passwordFile, prefix + "keyStorePasswordFile");
            try {
                return Files.readString(p, StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw new ConfigException(file, prefix + "keyStorePasswordFile", "cannot read: " + e.getMessage());
            }
        }
        if (password != null) {
            return password.toCharArray();
        }
        throw new ConfigException(file, prefix + "keyStorePasswordFile", "required (or keyStorePassword)");
    }
}
