package org.openvtn.certs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one Jazzer fuzz target (a class with {@code public static void fuzzerTestOneInput(byte[])}) in its own JVM
 * with coverage-guided mutation (libFuzzer through Jazzer's driver), for a bounded time (issue #12: fuzzing of the XML
 * codecs and the HTTP entry points). Any uncaught exception in the target is a finding: the run fails, and the
 * crashing input and a Java reproducer stay in the work directory, named in the failure message.
 *
 * <p>Duration per target: {@code -Dopenvtn.fuzz.seconds=N} (default 10, what {@code mvn -B verify} runs); the longer
 * run of docs/security.md sets it to 600. Seeds: every file of the given seed directories (for example the peer
 * vectors beside the checkout) is copied into the run's corpus first.
 */
public final class Fuzzing {
    private Fuzzing() {
    }

    /** What a run left: exit status, the tail of its output, and the crash file if any. */
    public record Result(int exitCode, String outputTail, Path workDir, List<Path> crashes) {
        public boolean clean() {
            return exitCode == 0 && crashes.isEmpty();
        }

        /** @return a report for an assertion message */
        public String describe() {
            return "fuzzing exit " + exitCode + ", findings " + crashes + " (reproducers in " + workDir + ")\n"
                    + outputTail;
        }
    }

    /**
     * @param name the fuzz run's name
     * @return {@code target/fuzz/NAME} under the module, emptied: it keeps the corpus, findings and log after the run
     */
    public static Path workDir(String name) {
        Path dir = Path.of("target", "fuzz", name).toAbsolutePath();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the configured seconds per fuzz target */
    public static long seconds() {
        return Long.getLong("openvtn.fuzz.seconds", 10L);
    }

    /**
     * @param target   the fuzz target class
     * @param workDir  where the corpus, crash inputs and reproducers go (kept after the run)
     * @param seedDirs directories whose files seed the corpus (missing ones are skipped)
     * @return the outcome
     */
    public static Result run(Class<?> target, Path workDir, List<Path> seedDirs) {
        try {
            Path corpus = Files.createDirectories(workDir.resolve("corpus"));
            Path artifacts = Files.createDirectories(workDir.resolve("findings"));
            for (Path seeds : seedDirs) {
                if (Files.isDirectory(seeds)) {
                    try (Stream<Path> files = Files.walk(seeds)) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            Files.copy(f, corpus.resolve(seeds.relativize(f).toString().replace('/', '_')),
                                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error"));
            for (String key : System.getProperties().stringPropertyNames()) {
                if (key.startsWith("openvtn.")) {
                    cmd.add("-D" + key + "=" + System.getProperty(key));
                }
            }
            cmd.addAll(List.of("-cp", classpath, "com.code_intelligence.jazzer.Jazzer",
                    "--target_class=" + target.getName(),
                    "--instrumentation_includes=org.openvtn.**",
                    // Derby runs its own SQL internally; hooking its classes breaks its connections
                    "--custom_hook_excludes=org.apache.derby.**",
                    "--reproducer_path=" + artifacts,
                    "-artifact_prefix=" + artifacts + "/",
                    "-max_total_time=" + seconds(),
                    "-timeout=30",
                    "-rss_limit_mb=2560",
                    "-print_final_stats=1",
                    corpus.toString()));
            Path log = workDir.resolve("jazzer.log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(seconds() + 180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "Jazzer did not finish in time", workDir, List.of());
            }
            List<Path> crashes;
            try (Stream<Path> files = Files.list(artifacts)) {
                crashes = files.filter(f -> {
                    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.startsWith("crash-") || n.startsWith("timeout-") || n.startsWith("oom-");
                }).toList();
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            return new Result(p.exitValue(), tail, workDir, crashes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return how many inputs the run executed, from libFuzzer's final statistics, or -1 */
    public static long executions(Result r) {
        for (String line : r.outputTail().split("\n")) {
            if (line.startsWith("stat::number_of_executed_units:")) {
                return Long.parseLong(line.substring(line.lastIndexOf(':') + 1).strip());
            }
        }
        return -1;
    }
}
