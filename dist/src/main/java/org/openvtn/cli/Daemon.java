package org.openvtn.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a started server running until the JVM is asked to stop (Ctrl-C, SIGTERM), then stops it gracefully. */
final class Daemon {

    private Daemon() {
    }

    static int runUntilStopped(AutoCloseable server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("openvtn: error while stopping: " + e.getMessage());
            }
            stopped.countDown();
        }, "openvtn-shutdown"));
        stopped.await();
        return 0;
    }
}
