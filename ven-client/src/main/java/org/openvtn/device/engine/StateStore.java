package org.openvtn.device.engine;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the engine's JSON state file: written to a temporary file in the same directory with
 * owner-only permissions (rw-------, where the file system supports POSIX permissions), then moved over the
 * old file atomically, so a crash leaves either the old or the new state, never half a file.
 */
final class StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    /**
     * The JSON codec: immutable after construction and thread-safe, shared by every engine of the JVM so
     * 10,000 engines do not each carry Jackson's serializer caches. It holds no configuration of any engine.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;

    StateStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path file() {
        return file;
    }

    /** The saved state, or null if there is no file. */
    EngineState load() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        return JSON.readValue(file.toFile(), EngineState.class);
    }

    /**
     * The saved state; null if there is none. A file that cannot be read or parsed, or has an unknown version,
     * is renamed {@code <name>.corrupt-<epoch ms>} with one WARN line and the engine starts afresh: a device
     * must come up even when its state is damaged (the price is that Responses may be sent again).
     */
    EngineState loadOrSetAside() {
        try {
            EngineState st = load();
            if (st == null || st.version() == EngineState.VERSION) {
                return st;
            }
            throw new IOException("unknown state version " + st.version());
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                aside = file;
            }
            LOG.warn("event engine state file {} is unreadable ({}); kept as {}, starting with an empty state",
                    file, EventEngine.safe(e.getMessage()), aside);
            return null;
        }
    }

    void save(EngineState state) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path tmp = posix
                ? Files.createTempFile(dir, file.getFileName() + ".", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), state);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
