package org.openvtn.cli;

import java.util.concurrent.CountDownLatch;
import org.openvtn.certs.crypto.NativeCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a started server running until the JVM is asked to stop (Ctrl-C, SIGTERM), then stops it gracefully. */
final class Daemon {

    private Daemon() {
    }

    static int runUntilStopped(AutoCloseable server) throws InterruptedException {
        NativeCrypto.Status crypto = OpenVtn.nativeCrypto;
        if (crypto != null) { // one line: which provider signs and encrypts (issue #18)
            Logger log = LoggerFactory.getLogger(Daemon.class);
            if (crypto.outcome() == NativeCrypto.Outcome.UNAVAILABLE) {
                log.warn("{}", crypto.detail());
            } else {
                log.info("{}", crypto.detail());
            }
        }
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
