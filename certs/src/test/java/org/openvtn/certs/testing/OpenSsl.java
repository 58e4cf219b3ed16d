package org.openvtn.certs.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Runs the system {@code openssl} for interoperability checks; tests skip visibly when it is absent. */
public final class OpenSsl {

    /** Where the binary is expected. */
    public static final Path BINARY = Path.of("/usr/bin/openssl");

    /** The result of one run. */
    public record Result(int exitCode, String output) {
    }

    private OpenSsl() {
    }

    /** Skips the calling test (JUnit assumption) when openssl is not installed. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "skipped: " + BINARY + " is not installed");
    }

    /** Runs openssl with the arguments, stdin empty, stderr merged into the output; 30 s limit. */
    public static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(BINARY.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("openssl did not finish: " + cmd);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
