package org.openvtn.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the peer vectors and published schemas beside the checkout (never copied into the repository). */
final class SharedMaterial {

    private SharedMaterial() {
    }

    static Path vectors() {
        return existing("openvtn.vectors", "../shared/vectors");
    }

    static Path publishedSchemas() {
        return existing("openvtn.publishedSchemas", "../shared/schemas");
    }

    static List<Path> files(String standard, String validity) {
        Path dir = vectors().resolve(standard).resolve(validity);
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
            if (out.isEmpty()) {
                throw new IllegalStateException("no vectors in " + dir);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Path existing(String property, String fallback) {
        Path p = Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException(p + " does not exist: the tests read the shared material from beside the"
                    + " checkout (../shared), or from -D" + property + "=DIR");
        }
        return p;
    }
}
