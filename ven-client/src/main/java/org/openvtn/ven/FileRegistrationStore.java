package org.openvtn.ven;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * The default {@link RegistrationStore}: one small properties file per VEN and VTN in a
 * directory, written atomically (temp file + rename) so a crash never leaves half a file.
 */
public final class FileRegistrationStore implements RegistrationStore {

    private final Path dir;

    /** A store in {@code dir} (created when needed). */
    public FileRegistrationStore(Path dir) {
        this.dir = dir;
    }

    /** The directory {@code ~/.openvtn/ven}. */
    public static FileRegistrationStore inUserHome() {
        return new FileRegistrationStore(Path.of(System.getProperty("user.home"), ".openvtn", "ven"));
    }

    private Path file(String venName, String vtnUrl) {
        String key = HexFormat.of().formatHex((venName + "|" + vtnUrl).getBytes(StandardCharsets.UTF_8));
        if (key.length() > 120) {
            key = key.substring(0, 80) + Integer.toHexString((venName + "|" + vtnUrl).hashCode());
        }
        return dir.resolve("registration-" + key + ".properties");
    }

    @Override
    public synchronized Optional<RegistrationInfo> load(String venName, String vtnUrl) {
        Path f = file(venName, vtnUrl);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read registration " + f, e);
        }
        String venId = p.getProperty("venID");
        String regId = p.getProperty("registrationID");
        if (venId == null || regId == null || !vtnUrl.equals(p.getProperty("vtnUrl"))) {
            return Optional.empty();
        }
        String poll = p.getProperty("pollFrequency");
        return Optional.of(new RegistrationInfo(vtnUrl, venId, regId, p.getProperty("vtnID"),
                poll == null ? null : Duration.parse(poll)));
    }

    @Override
    public synchronized void save(String venName, RegistrationInfo r) {
        Properties p = new Properties();
        p.setProperty("venName", venName);
        p.setProperty("vtnUrl", r.vtnUrl());
        p.setProperty("venID", r.venId());
        p.setProperty("registrationID", r.registrationId());
        if (r.vtnId() != null) {
            p.setProperty("vtnID", r.vtnId());
        }
        if (r.pollFrequency() != null) {
            p.setProperty("pollFrequency", r.pollFrequency().toString());
        }
        Path f = file(venName, r.vtnUrl());
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "registration", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "OpenVTN VEN registration");
            }
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write registration " + f, e);
        }
    }

    @Override
    public synchronized void clear(String venName, String vtnUrl) {
        try {
            Files.deleteIfExists(file(venName, vtnUrl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
