package org.openvtn.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** What the tests that kill VTN node processes (SIGKILL, issue #19) share: polled waits and a fresh work folder. */
public final class NodeKillSupport {
    private NodeKillSupport() {
    }

    /** Polls {@code condition} every 20 ms until it holds (no fixed sleeps); fails naming {@code what} after the limit. */
    public static void await(int seconds, BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what.get());
            }
            Thread.sleep(20);
        }
    }

    /** @return {@code dir}, emptied of an earlier run's files and created */
    public static Path freshDir(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }
}
