package org.openvtn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The log line format of the {@code openvtn} process (issue #19, "Structured (JSON) logs as an option"): plain text
 * by {@code slf4j-simple} (the default, unchanged), or one JSON object per line by Logback with
 * {@link JsonLogEncoder}. SLF4J binds its provider when the first logger is made, so the choice is made first thing in
 * {@code main}, from {@code --log-format json} or the serve file's {@code logging.format: json}; an explicit
 * {@code -Dslf4j.provider} wins. The serve configuration is read properly (strictly) later; here a file that cannot
 * be read simply means plain.
 */
final class LogFormat {
    static final String PLAIN_PROVIDER = "org.slf4j.simple.SimpleServiceProvider";
    static final String JSON_PROVIDER = "ch.qos.logback.classic.spi.LogbackServiceProvider";
    /** The accepted values of {@code --log-format} and {@code logging.format}. */
    static final java.util.Set<String> FORMATS = java.util.Set.of("plain", "json");

    private LogFormat() {
    }

    /** Chooses the SLF4J provider for these command-line arguments unless one was chosen already. */
    static void select(String[] args) {
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            // SLF4J announces an explicitly chosen provider on stderr (INFO): keep the log stream as it was
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", json(args) ? JSON_PROVIDER : PLAIN_PROVIDER);
        }
    }

    /** @return whether the arguments ask for JSON lines (the flag wins over the file) */
    static boolean json(String[] args) {
        String flag = option(args, "--log-format");
        if (flag != null) {
            return "json".equals(flag.toLowerCase(Locale.ROOT));
        }
        String config = option(args, "--config");
        return config != null && "json".equals(fromFile(Path.of(config)));
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        return null;
    }

    private static String fromFile(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 1 << 20) {
                return null;
            }
            JsonNode format = new YAMLMapper().readTree(file.toFile()).path("logging").path("format");
            return format.isTextual() ? format.asText().toLowerCase(Locale.ROOT) : null;
        } catch (java.io.IOException | RuntimeException unreadable) {
            return null; // the strict reader reports the file's problem when serve loads it
        }
    }
}
