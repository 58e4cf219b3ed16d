package org.openvtn.certs.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Eclipse Mosquitto broker for a test (OpenADR 3.1 MQTT notifier, issue #20): a temporary configuration,
 * one loopback listener on a random high port (mosquitto takes only a port number, so a port in use is retried with
 * another), anonymous plain access by default; optionally TLS with a server certificate of the test PKI and
 * {@code require_certificate} (client certificates chaining to the test CA), and a password file written with
 * {@code mosquitto_passwd}. {@link #restart()} stops and starts the broker on the same port (in-flight and
 * subscription state is lost, as after a real broker restart without persistence). Skips the test with a visible
 * reason when {@code /usr/sbin/mosquitto} is absent.
 */
public final class TestMosquitto implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    public static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");
    private final Path dir;
    private final String options;
    private final boolean tls;
    private final int port;
    private Process process;

    private TestMosquitto(Path dir, String options, boolean tls, int port, Process process) {
        this.dir = dir;
        this.options = options;
        this.tls = tls;
        this.port = port;
        this.process = process;
    }

    /** An anonymous plain broker. */
    public static TestMosquitto start(Path dir) throws IOException, InterruptedException {
        return builder(dir).start();
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** Options of the broker; {@link #start()} starts it. */
    public static final class Builder {
        private final Path dir;
        private final Map<String, String> users = new LinkedHashMap<>();
        private ServerFiles server;
        private Path caFile;
        private boolean requireCertificate;
        private boolean persistence;

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** TLS with {@code server} (chain + key PEM); client certificates chaining to {@code ca} are required. */
        public Builder tls(Path serverChain, Path serverKey, Path ca, boolean requireClientCertificate) {
            server = new ServerFiles(serverChain, serverKey);
            caFile = ca;
            requireCertificate = requireClientCertificate;
            return this;
        }

        /**
         * Persistent sessions survive {@link #restart()}: the broker saves them (and QoS 1 messages queued for them)
         * on shutdown and loads them on start.
         */
        public Builder persistence(boolean on) {
            persistence = on;
            return this;
        }

        /** A user of the password file; anonymous access is then refused. */
        public Builder user(String name, String password) {
            users.put(name, password);
            return this;
        }

        public TestMosquitto start() throws IOException, InterruptedException {
            Assumptions.assumeTrue(Files.isExecutable(BINARY), "mosquitto is not installed at " + BINARY
                    + " (apt-get install mosquitto): MQTT test skipped");
            // as root, mosquitto would switch to user "mosquitto", which cannot read the test's private directory
            StringBuilder o = new StringBuilder("log_dest stdout\nuser " + System.getProperty("user.name") + "\n");
            o.append(persistence ? "persistence true\npersistence_location " + dir + "/\n" : "persistence false\n");
            if (users.isEmpty()) {
                o.append("allow_anonymous true\n");
            } else {
                Path pw = dir.resolve("mosquitto-passwords");
                Files.deleteIfExists(pw);
                for (Map.Entry<String, String> u : users.entrySet()) {
                    String[] cmd = Files.exists(pw)
                            ? new String[] {PASSWD.toString(), "-b", pw.toString(), u.getKey(), u.getValue()}
                            : new String[] {PASSWD.toString(), "-c", "-b", pw.toString(), u.getKey(), u.getValue()};
                    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                        throw new IllegalStateException("mosquitto_passwd failed: " + out);
                    }
                }
                o.append("allow_anonymous false\npassword_file ").append(pw).append('\n');
            }
            if (server != null) {
                o.append("cafile ").append(caFile).append("\ncertfile ").append(server.chain())
                        .append("\nkeyfile ").append(server.key()).append("\nrequire_certificate ")
                        .append(requireCertificate).append("\ntls_version tlsv1.2\n");
            }
            for (int attempt = 0; attempt < 10; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(20000, 60000);
                Process p = launch(dir, o.toString(), port);
                if (p != null) {
                    return new TestMosquitto(dir, o.toString(), server != null, port, p);
                }
            }
            throw new IllegalStateException("mosquitto: no free port after 10 attempts");
        }
    }

    private record ServerFiles(Path chain, Path key) {
    }

    /** @return the running broker, or null when the port was taken */
    private static Process launch(Path dir, String options, int port) throws IOException, InterruptedException {
        Path conf = dir.resolve("mosquitto-" + port + ".conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\n" + options, StandardCharsets.UTF_8);
        Path log = dir.resolve("mosquitto-" + port + ".log");
        Process p = new ProcessBuilder(BINARY.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        // ready when its listener accepts a connection; exited when the port was taken
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                if (!p.waitFor(300, TimeUnit.MILLISECONDS)) { // someone else's port would make it exit
                    return p;
                }
            } catch (IOException notYet) {
                p.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        p.destroyForcibly();
        String text = Files.exists(log) ? Files.readString(log) : "";
        if (!text.contains("in use")) {
            throw new IllegalStateException("mosquitto did not start: " + text);
        }
        return null;
    }

    /** @return {@code tcp://127.0.0.1:PORT}, or {@code ssl://127.0.0.1:PORT} with TLS (Paho's schemes) */
    public String url() {
        return (tls ? "ssl" : "tcp") + "://127.0.0.1:" + port;
    }

    /** @return {@code mqtt://127.0.0.1:PORT} or {@code mqtts://...} (the 3.1 binding's schemes) */
    public String bindingUri() {
        return (tls ? "mqtts" : "mqtt") + "://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the broker (its clients see the connection drop). */
    public void stop() {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    /** Starts the broker again on the same port, after {@link #stop()} (or stops it first). */
    public void restart() throws IOException, InterruptedException {
        stop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process == null && System.nanoTime() < deadline) {
            process = launch(dir, options, port); // the old socket may linger a moment
            if (process == null) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        if (process == null) {
            throw new IllegalStateException("mosquitto could not listen on " + port + " again");
        }
    }

    /** @return the broker's log so far (for failure messages) */
    public String log() throws IOException {
        Path log = dir.resolve("mosquitto-" + port + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        stop();
    }
}
