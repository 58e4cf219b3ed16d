package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * Issue #13, "wire loggers under one tree": every logger that carries protocol messages, in every module (the
 * server, the VEN client, the conformance suite), is named {@code org.openvtn.wire.*}, so an operator switches all of
 * them on with one logger (docs/configuration.md, "Logging"). Reads the real logger of every static SLF4J logger field
 * of the production classes.
 */
class WireLoggersTest {

    /** The documented wire loggers: the rows of the table in docs/configuration.md ("Logging"); each must exist. */
    private static final Set<String> DOCUMENTED = documented();

    private static Set<String> documented() {
        try {
            java.nio.file.Path doc = java.nio.file.Path.of("..", "docs", "configuration.md");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\| `(org\\.openvtn\\.wire\\.[a-z0-9.]+)` \\|")
                    .matcher(java.nio.file.Files.readString(doc));
            Set<String> rows = new java.util.TreeSet<>();
            while (m.find()) {
                rows.add(m.group(1));
            }
            return rows;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyWireLoggerIsUnderOrgOpenvtnWire() throws Exception {
        Set<String> wire = new TreeSet<>();
        List<String> outside = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")).importPackages("org.openvtn")) {
            for (JavaField f : c.getFields()) {
                if (!f.getModifiers().contains(JavaModifier.STATIC) || !f.getRawType().isEquivalentTo(Logger.class)) {
                    continue;
                }
                Field field = f.reflect();
                field.setAccessible(true);
                String name = ((Logger) field.get(null)).getName();
                boolean looksWire = f.getName().toUpperCase(Locale.ROOT).contains("WIRE")
                        || name.toLowerCase(Locale.ROOT).contains("wire");
                if (!looksWire) {
                    continue;
                }
                if (name.startsWith("org.openvtn.wire.")) {
                    wire.add(name);
                } else {
                    outside.add(c.getName() + "." + f.getName() + " = " + name);
                }
            }
        }
        assertEquals(List.of(), outside, "wire loggers outside org.openvtn.wire");
        assertTrue(wire.containsAll(DOCUMENTED), "documented wire loggers missing: " + wire);
        assertEquals(DOCUMENTED, wire, "a new wire logger needs a row in docs/configuration.md (Logging)");
    }
}
