package org.openvtn.cli.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Spec;

/**
 * Base of the {@code openvtn bench} commands: a bound or value that the command checks itself (bounded duration,
 * loopback-only target, ...) and refuses with {@link IllegalArgumentException} becomes a usage error (message
 * and exit code 2), like a bad option that picocli refuses.
 */
abstract class BenchCall implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try {
            return run();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The command's work; returns its exit code. */
    abstract Integer run() throws Exception;
}
