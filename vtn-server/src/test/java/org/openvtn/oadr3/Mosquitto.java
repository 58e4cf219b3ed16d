package org.openvtn.oadr3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Eclipse Mosquitto broker for a test: temp config, loopback listener on a random high port (mosquitto
 * takes only a port number, so a port in use is retried with another), anonymous access. Skips the test with a
 * visible reason when {@code /usr/sbin/mosquitto} is absent.
 */
final class Mosquitto implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private final Process process;
    private final int port;

    private Mosquitto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Mosquitto start(Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "mosquitto is not installed at " + BINARY
                + " (apt-get install mosquitto): MQTT notifier test skipped");
        for (int attempt = 0; attempt < 10; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 60000);
            Path conf = dir.resolve("mosquitto-" + port + ".conf");
            Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                    + "user " + System.getProperty("user.name") + "\nlog_dest stdout\n", StandardCharsets.UTF_8);
            Path log = dir.resolve("mosquitto-" + port + ".log");
            Process p = new ProcessBuilder(BINARY.toString(), "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            // ready when its listener accepts a connection; exited when the port was taken
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && p.isAlive()) {
                try (java.net.Socket probe = new java.net.Socket()) {
                    probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
                    if (!p.waitFor(300, TimeUnit.MILLISECONDS)) { // someone else's port would make it exit
                        return new Mosquitto(p, port);
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
        }
        throw new IllegalStateException("mosquitto: no free port after 10 attempts");
    }

    /** @return {@code tcp://127.0.0.1:PORT} */
    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
