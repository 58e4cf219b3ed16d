package org.openvtn.certs.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files that hold secrets (private keys, PKCS#12 stores, tokens) and the directories that hold them or the database
 * are created owner-only (issue #12 item 10): {@code rw-------} for files, {@code rwx------} for directories, set when
 * the file is created, so there is no moment at which another local user could open it. Where the file system has no
 * POSIX permissions (Windows) the files are written plainly. An existing file or directory that group or others can
 * read is used, but named in one WARN line so the operator can tighten it.
 */
public final class SecretFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFiles() {
    }

    /**
     * Writes the bytes to a new owner-only file beside {@code file}, then moves it over {@code file}.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(Path file, byte[] content) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", fileAttribute(dir, FILE));
            try {
                Files.write(tmp, content);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the directory (and missing parents) owner-only; an existing directory is left as it is but warned
     * about when group or others may enter it.
     *
     * @param what what the directory holds, for the warning ("data directory")
     */
    public static void directory(Path dir, String what) {
        try {
            if (Files.isDirectory(dir)) {
                warnIfLoose(dir, what);
                return;
            }
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(dir, fileAttribute(parent, DIR));
            } catch (FileAlreadyExistsException raced) {
                warnIfLoose(dir, what);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + what + " " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param what what the path holds ("admin token", "private key")
     * @return the permissions that are too loose, e.g. {@code rw-r--r--}, when group or others have any access
     */
    public static Optional<String> warnIfLoose(Path path, String what) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(path);
            if (p.stream().noneMatch(GROUP_OR_OTHERS::contains)) {
                return Optional.empty();
            }
            String perms = PosixFilePermissions.toString(p);
            LOG.warn("{} {} is accessible to group or others ({}); restrict it with chmod {} {}", what, path, perms,
                    Files.isDirectory(path) ? "700" : "600", path);
            return Optional.of(perms);
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty();
        }
    }

    private static FileAttribute<?>[] fileAttribute(Path dir, Set<PosixFilePermission> perms) {
        boolean posix = dir != null && dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)} : new FileAttribute<?>[0];
    }
}
