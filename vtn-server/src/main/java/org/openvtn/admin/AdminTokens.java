package org.openvtn.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Admin bearer tokens: generation, the {@code <data>/admin-token} file, constant-time comparison. */
public final class AdminTokens {
    /** File name under the data directory. */
    public static final String FILE_NAME = "admin-token";

    private AdminTokens() {
    }

    /** @return a fresh 256-bit URL-safe random token */
    public static String generate(SecureRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Reads {@code <dataDir>/admin-token}, or generates one and writes it (owner read/write only
     * where POSIX permissions exist).
     *
     * @param dataDir data directory
     * @return the token
     */
    public static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                org.openvtn.certs.pki.SecretFiles.warnIfLoose(file, "admin token file");
                String t = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (t.length() >= 16) {
                    return t;
                }
            }
            org.openvtn.certs.pki.SecretFiles.directory(dataDir, "data directory"); // owner-only, as VtnCore makes it
            String token = generate(new SecureRandom());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read/write " + file, e);
        }
    }

    /** Constant-time comparison of a presented token with the expected one. */
    static boolean matches(String expected, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
