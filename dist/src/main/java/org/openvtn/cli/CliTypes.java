package org.openvtn.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.openvtn.conformance.target.TargetFile;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli type converters that check a value while the command line is parsed, so a mistake is refused (one line,
 * exit 2, {@link CliErrors}) before a command writes anything. Each message says only the problem; the flag and the
 * value are added by {@link CliErrors}.
 */
final class CliTypes {

    private CliTypes() {
    }

    /** Registers the converters of the plain types on every command of {@code cl}. */
    static CommandLine register(CommandLine cl) {
        return cl.registerConverter(Integer.class, CliTypes::integer).registerConverter(int.class, CliTypes::integer)
                .registerConverter(Long.class, CliTypes::longInteger).registerConverter(long.class, CliTypes::longInteger)
                .registerConverter(Duration.class, CliTypes::duration).registerConverter(URI.class, CliTypes::url);
    }

    static int integer(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("not a whole number");
        }
    }

    static long longInteger(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("not a whole number");
        }
    }

    /** An ISO-8601 duration such as PT30S. */
    static Duration duration(String s) {
        try {
            return Duration.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("not an ISO-8601 duration (e.g. PT30S, PT5M)");
        }
    }

    /** An absolute http(s) URL with a host. */
    static URI url(String s) {
        URI u;
        try {
            u = new URI(s.strip());
        } catch (URISyntaxException e) {
            throw new TypeConversionException("not a URL (" + e.getReason() + ")");
        }
        if (u.getScheme() == null || !(u.getScheme().equalsIgnoreCase("https") || u.getScheme().equalsIgnoreCase("http"))
                || u.getHost() == null) {
            throw new TypeConversionException("not an http(s) URL with a host, e.g. https://host:8443/path");
        }
        return u;
    }

    private static Path path(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("not a file name (" + e.getReason() + ")");
        }
    }

    /** A TCP port, 0 (any free port) to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            int p = integer(s);
            if (p < 0 || p > 65535) {
                throw new TypeConversionException("port must be 0..65535 (0 = any free port)");
            }
            return p;
        }
    }

    /** A TCP port, 0 (any free port) to 65535, or -1 for a listener that is off. */
    static final class PortOrOff implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            int p = integer(s);
            if (p < -1 || p > 65535) {
                throw new TypeConversionException("port must be 0..65535 (0 = any free port) or -1 (off)");
            }
            return p;
        }
    }

    /** A count that may be zero. */
    static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            int n = integer(s);
            if (n < 0) {
                throw new TypeConversionException("must be 0 or more");
            }
            return n;
        }
    }

    /** A count of at least one. */
    static final class PositiveCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            int n = integer(s);
            if (n < 1) {
                throw new TypeConversionException("must be 1 or more");
            }
            return n;
        }
    }

    /** A duration longer than zero. */
    static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String s) {
            Duration d = duration(s);
            if (d.isNegative() || d.isZero()) {
                throw new TypeConversionException("must be longer than zero");
            }
            return d;
        }
    }

    /** A duration as target files write it (10s, 5m, PT10S), kept as text. */
    static final class TargetDuration implements ITypeConverter<String> {
        @Override
        public String convert(String s) {
            try {
                TargetFile.parseDuration(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("not a duration (10s, 5m, PT10S)");
            }
            return s;
        }
    }

    /** An absolute http(s) URL, kept as text. */
    static final class UrlText implements ITypeConverter<String> {
        @Override
        public String convert(String s) {
            url(s);
            return s;
        }
    }

    /** A file to read: exists, is a regular file, is readable. */
    static final class InputFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String s) {
            Path p = path(s);
            if (!Files.exists(p)) {
                throw new TypeConversionException("file not found");
            }
            if (!Files.isRegularFile(p)) {
                throw new TypeConversionException("not a regular file");
            }
            if (!Files.isReadable(p)) {
                throw new TypeConversionException("file not readable");
            }
            return p;
        }
    }

    /** A directory to read: exists and is a readable directory. */
    static final class InputDir implements ITypeConverter<Path> {
        @Override
        public Path convert(String s) {
            Path p = path(s);
            if (!Files.exists(p)) {
                throw new TypeConversionException("directory not found");
            }
            if (!Files.isDirectory(p)) {
                throw new TypeConversionException("not a directory");
            }
            if (!Files.isReadable(p)) {
                throw new TypeConversionException("directory not readable");
            }
            return p;
        }
    }

    /** A directory to write: absent (it is created), or an existing writable directory. */
    static final class OutputDir implements ITypeConverter<Path> {
        @Override
        public Path convert(String s) {
            Path p = path(s);
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new TypeConversionException("exists and is not a directory");
            }
            if (Files.isDirectory(p) && !Files.isWritable(p)) {
                throw new TypeConversionException("directory not writable");
            }
            return p;
        }
    }
}
