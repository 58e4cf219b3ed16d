package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The CLI turns Bouncy Castle's java.util.logging down to SEVERE for every command, and nothing else. */
class BcLoggingTest {

    @Test
    void everyCommandLineQuietsBouncyCastleOnly() {
        OpenVtn.commandLine();
        Logger bcJsse = Logger.getLogger("org.bouncycastle.jsse.provider.PropertyUtils");
        assertFalse(bcJsse.isLoggable(Level.INFO), "BC INFO (\"Found boolean security property\")");
        assertFalse(bcJsse.isLoggable(Level.WARNING), "BC WARNING (\"Ignoring unsupported entry\")");
        assertTrue(bcJsse.isLoggable(Level.SEVERE));
        assertTrue(Logger.getLogger("org.openvtn.example").isLoggable(Level.WARNING), "other loggers untouched");
    }
}
