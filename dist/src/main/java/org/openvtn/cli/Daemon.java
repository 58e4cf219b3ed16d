package org.openvtn.cli;

import java.util.concurrent.CountDownLatch;
import org.openvtn.server.VtnServer;

/** Keeps a started server running until the JVM is asked to stop (Ctrl-C, SIGTERM), then stops it gracefully. */
final class Daemon {

    private Daemon() {
    }

    static int runUntilStopped(VtnServer server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "openvtn-shutdown"));
        stopped.await();
        return 0;
    }
}
