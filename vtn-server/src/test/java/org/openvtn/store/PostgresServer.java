package org.openvtn.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Test fixture (issue #19): a real PostgreSQL server from the OS binaries ({@code /usr/lib/postgresql/<v>/bin}),
 * started once per test JVM in a temporary directory ({@code initdb} + {@code pg_ctl}, as the {@code postgres} user
 * through {@code runuser} when the JVM runs as root, which PostgreSQL refuses), listening on 127.0.0.1 on a random
 * high port (another port is tried when that one is taken), with fsync off for speed, stopped by a shutdown hook.
 * {@link #database} hands each caller a fresh database cloned from a template that is already migrated, so tests
 * do not pay for the migrations each time. Tests call {@link #require()}: with no binaries they are skipped with
 * the reason.
 */
public final class PostgresServer {
    private static final String USER = "openvtn";
    private static final String TEMPLATE = "openvtn_template";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static PostgresServer shared;
    private static String unavailable;
    private static RuntimeException failed;

    private final Path bin;
    private final Path dir;
    private final int port;

    private PostgresServer(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /**
     * @return the JVM's server, started on first use
     * @throws org.opentest4j.TestAbortedException (a skip) when PostgreSQL binaries are not installed
     */
    public static synchronized PostgresServer require() {
        if (failed != null) {
            throw failed; // started once and failed: do not start another server for every test
        }
        if (shared == null && unavailable == null) {
            Optional<Path> bin = binaries();
            if (bin.isEmpty()) {
                unavailable = "no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin";
            } else if (root() && !userExists("postgres")) {
                unavailable = "running as root and there is no 'postgres' user to run PostgreSQL as";
            } else {
                try {
                    shared = start(bin.get());
                } catch (RuntimeException e) {
                    failed = e;
                    throw e;
                }
                Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-stop"));
            }
        }
        Assumptions.assumeTrue(shared != null, () -> "PostgreSQL tests skipped: " + unavailable);
        return shared;
    }

    /** @return a fresh, migrated database of its own (cloned from the template) */
    public DatabaseConfig database(String prefix) {
        String name = (prefix.replaceAll("[^A-Za-z0-9]", "_") + "_" + SEQ.incrementAndGet()).toLowerCase();
        admin("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return config(name, 4);
    }

    /** @return a connection configuration of {@code name} with a pool of {@code poolSize} */
    public DatabaseConfig config(String name, int poolSize) {
        return DatabaseConfig.postgres(url(name), USER, null, poolSize);
    }

    /** @return the JDBC URL of database {@code name} on this server */
    public String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static PostgresServer start(Path bin) {
        try {
            Path dir = Files.createTempDirectory("openvtn-pg");
            Path data = dir.resolve("data");
            if (root()) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()), dir);
            }
            run(asPostgres(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C")), dir);
            for (int attempt = 0; ; attempt++) {
                int port = 20000 + ThreadLocalRandom.current().nextInt(40000);
                Path log = dir.resolve("postgres-" + port + ".log");
                int rc = exec(asPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                        log.toString(), "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                                + " -c max_connections=200", "start")), dir);
                if (rc == 0) {
                    PostgresServer server = new PostgresServer(bin, dir, port);
                    try {
                        server.admin("CREATE DATABASE " + TEMPLATE);
                        Database.open(server.config(TEMPLATE, 1)).close(); // migrate once; clones start migrated
                    } catch (RuntimeException e) {
                        server.stop();
                        throw e;
                    }
                    return server;
                }
                String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
                if (attempt < 5 && text.contains("in use")) {
                    continue; // another process holds that port: pick another one
                }
                throw new IllegalStateException("pg_ctl start failed (" + rc + "): " + text);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Stops the server immediately (no checkpoint; the data is thrown away) and deletes its directory. */
    void stop() {
        try {
            // immediate: no checkpoint, the data is thrown away; -W: do not hold the JVM's exit waiting for it
            exec(asPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
                    "immediate", "-W", "stop")), dir);
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            // best effort at JVM exit
        }
    }

    private static List<String> asPostgres(List<String> cmd) {
        if (!root()) {
            return cmd;
        }
        List<String> out = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        out.addAll(cmd);
        return out;
    }

    private static void run(List<String> cmd, Path dir) throws IOException {
        int rc = exec(cmd, dir);
        if (rc != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + rc + ": "
                    + Files.readString(dir.resolve("cmd.log"), StandardCharsets.UTF_8));
        }
    }

    private static int exec(List<String> cmd, Path dir) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("cmd.log").toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish in 120 s");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Optional<Path> binaries() {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(base)) {
            for (Path v : versions) {
                Path bin = v.resolve("bin");
                if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))) {
                    found.add(bin);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        // the newest major version
        return found.stream().max(Comparator.comparingInt(b -> major(b.getParent().getFileName().toString())));
    }

    private static int major(String v) {
        try {
            return Integer.parseInt(v.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean userExists(String user) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(user + ":"));
        } catch (IOException e) {
            return false;
        }
    }
}
