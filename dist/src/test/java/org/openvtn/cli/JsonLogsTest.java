package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * Issue #19, "Structured (JSON) logs as an option": {@link JsonLogEncoder} writes one JSON object per line with time,
 * level, logger, message, thread and exception (read back with Jackson), wire loggers included; {@link LogFormat}
 * picks JSON from {@code --log-format json} or the serve file's {@code logging.format: json}, plain otherwise.
 */
class JsonLogsTest {

    @Test
    void everyEventIsOneJsonLineWithTheDocumentedFields() throws Exception {
        LoggerContext context = new LoggerContext();
        JsonLogEncoder encoder = new JsonLogEncoder();
        encoder.setContext(context);
        encoder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Instant before = Instant.now().minusSeconds(1);
        out.write(encoder.encode(event(context, "org.openvtn.store.Database", Level.INFO, "Opened database {}", null,
                "jdbc:derby:memory:x")));
        out.write(encoder.encode(event(context, "org.openvtn.wire.oadr20b", Level.WARN, "line one\nline two", null)));
        out.write(encoder.encode(event(context, "org.openvtn.cli.ServeCommand", Level.ERROR, "stopped",
                new IllegalStateException("bad state"))));

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), "one line per event: " + lines);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertEquals("INFO", first.get("level").asText());
        assertEquals("org.openvtn.store.Database", first.get("logger").asText());
        assertEquals("Opened database jdbc:derby:memory:x", first.get("message").asText());
        assertEquals(Thread.currentThread().getName(), first.get("thread").asText());
        assertFalse(Instant.parse(first.get("time").asText()).isBefore(before));
        assertFalse(first.has("exception"));
        JsonNode wire = json.readTree(lines.get(1));
        assertEquals("org.openvtn.wire.oadr20b", wire.get("logger").asText());
        assertEquals("line one\nline two", wire.get("message").asText());
        JsonNode error = json.readTree(lines.get(2));
        assertEquals("ERROR", error.get("level").asText());
        assertTrue(error.get("exception").asText().contains("java.lang.IllegalStateException: bad state"),
                error.toString());
    }

    private static LoggingEvent event(LoggerContext context, String logger, Level level, String message,
                                      Throwable thrown, Object... args) {
        return new LoggingEvent(Logger.class.getName(), context.getLogger(logger), level, message, thrown, args);
    }

    @Test
    void formatChosenByFlagOrServeFile(@TempDir Path dir) throws Exception {
        Path json = Files.writeString(dir.resolve("json.yaml"), "logging:\n  format: json\n");
        Path plain = Files.writeString(dir.resolve("plain.yaml"), "dataDir: /tmp/x\n");
        assertFalse(LogFormat.json(new String[] {"serve", "--config", plain.toString()}));
        assertTrue(LogFormat.json(new String[] {"serve", "--config", json.toString()}));
        assertTrue(LogFormat.json(new String[] {"serve", "--config=" + plain, "--log-format", "json"}));
        assertFalse(LogFormat.json(new String[] {"serve", "--config", json.toString(), "--log-format=plain"}));
        assertFalse(LogFormat.json(new String[] {"serve", "--config", dir.resolve("missing.yaml").toString()}));
        assertFalse(LogFormat.json(new String[] {"dev"}));
    }
}
