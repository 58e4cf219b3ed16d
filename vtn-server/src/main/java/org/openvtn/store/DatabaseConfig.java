package org.openvtn.store;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the VTN keeps its state (issue #19): embedded Derby (a file database under a data directory, or in memory)
 * or a PostgreSQL server reached through a pool. Immutable; the factories validate and fail naming the bad field.
 *
 * @param kind         which engine
 * @param dataDir      Derby file database directory ({@code <dataDir>/db}); null otherwise
 * @param memoryName   Derby in-memory database name; null otherwise
 * @param url          PostgreSQL JDBC URL {@code jdbc:postgresql://host:port/db}; null for Derby
 * @param user         PostgreSQL user; null for Derby
 * @param password     PostgreSQL password (read from an owner-only file by the caller); may be null (trust/peer)
 * @param maxPoolSize  PostgreSQL pool size (connections per process)
 */
public record DatabaseConfig(Kind kind, Path dataDir, String memoryName, String url, String user, String password,
                             int maxPoolSize) {

    /** The engine. */
    public enum Kind { DERBY_FILE, DERBY_MEMORY, POSTGRESQL }

    /** Default pool size per process. */
    public static final int DEFAULT_POOL_SIZE = 16;

    public DatabaseConfig {
        if (kind == null) {
            throw new IllegalArgumentException("database: kind required");
        }
        switch (kind) {
            case DERBY_FILE -> {
                if (dataDir == null) {
                    throw new IllegalArgumentException("dataDir: required");
                }
            }
            case DERBY_MEMORY -> {
                if (memoryName == null || !memoryName.matches("[A-Za-z0-9_-]{1,64}")) {
                    throw new IllegalArgumentException("inMemory: name must match [A-Za-z0-9_-]{1,64}");
                }
            }
            case POSTGRESQL -> {
                if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql://")) {
                    throw new IllegalArgumentException("database.url: must start with jdbc:postgresql://");
                }
                if (user == null || user.isBlank()) {
                    throw new IllegalArgumentException("database.user: required");
                }
                if (maxPoolSize < 1 || maxPoolSize > 1000) {
                    throw new IllegalArgumentException("database.maxPoolSize: must be 1..1000");
                }
            }
            default -> throw new IllegalArgumentException("database: unknown kind " + kind);
        }
    }

    /** @return embedded Derby file database under {@code dataDir/db} */
    public static DatabaseConfig derbyFile(Path dataDir) {
        return new DatabaseConfig(Kind.DERBY_FILE, dataDir, null, null, null, null, 1);
    }

    /** @return named in-memory Derby database, dropped on close */
    public static DatabaseConfig derbyMemory(String name) {
        return new DatabaseConfig(Kind.DERBY_MEMORY, null, name, null, null, null, 1);
    }

    /** @return a pooled PostgreSQL database */
    public static DatabaseConfig postgres(String url, String user, String password, int maxPoolSize) {
        return new DatabaseConfig(Kind.POSTGRESQL, null, null, url, user, password, maxPoolSize);
    }

    /** @return whether this is the PostgreSQL engine */
    public boolean postgres() {
        return kind == Kind.POSTGRESQL;
    }

    /** The password never appears in logs or exception messages. */
    @Override
    public String toString() {
        return switch (kind) {
            case DERBY_FILE -> "derby:" + dataDir;
            case DERBY_MEMORY -> "derby:memory:" + memoryName;
            case POSTGRESQL -> url + " (user " + user + ", pool " + maxPoolSize + ")";
        };
    }
}
