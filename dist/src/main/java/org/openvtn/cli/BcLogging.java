package org.openvtn.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bouncy Castle (provider and JSSE) logs through java.util.logging, not SLF4J: on start it prints INFO/WARNING
 * lines about security properties ("Found boolean security property ...", "Ignoring unsupported entry in
 * 'jdk.certpath.disabledAlgorithms'"), and a handshake refused on purpose (the conformance suites provoke them)
 * prints a stack trace. The CLI turns only the {@code org.bouncycastle} JUL logger down to SEVERE, once, for every
 * command; OpenVTN's own code logs through SLF4J, so its warnings stay visible.
 */
final class BcLogging {
    /** Kept in a field: JUL holds loggers weakly, a collected logger would forget its level. */
    private static final Logger BOUNCY_CASTLE = Logger.getLogger("org.bouncycastle");

    private BcLogging() {
    }

    /** Only SEVERE from Bouncy Castle from now on. */
    static void quiet() {
        BOUNCY_CASTLE.setLevel(Level.SEVERE);
    }
}
