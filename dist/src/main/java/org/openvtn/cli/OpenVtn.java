package org.openvtn.cli;

import org.openvtn.certs.crypto.NativeCrypto;
import org.openvtn.cli.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code openvtn} command line. Each concern is a subcommand with its own {@code --help}. A mistake on the
 * command line is one line on stderr and exit status 2, an unexpected error one line and exit status 1; the global
 * {@code --verbose} adds the stack trace ({@link CliErrors}).
 */
@Command(name = "openvtn",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "OpenVTN: demand-response server (OpenADR 2.0b, IEEE 2030.5), VEN client and conformance suite.",
        subcommands = {
                CommandLine.HelpCommand.class,
                XmlCommand.class,
                DevCommand.class,
                ServeCommand.class,
                VenCommand.class,
                DeviceCommand.class,
                PkiCommand.class,
                ConformanceCommand.class,
                BenchCommand.class,
        })
public final class OpenVtn implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Read from the arguments by {@link CliErrors}; declared here so every command accepts and documents it. */
    @CommandLine.Option(names = CliErrors.VERBOSE, scope = CommandLine.ScopeType.INHERIT,
            description = "On an error, also print the stack trace.")
    boolean verbose;

    /** What {@link #main} did about the native crypto provider; null when not started through {@code main}. */
    static volatile NativeCrypto.Status nativeCrypto;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        LogFormat.select(args); // before any logger exists
        nativeCrypto = NativeCrypto.installFirst(); // before any TLS context or key exists (issue #18)
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        BcLogging.quiet();
        CommandLine cl = new CommandLine(new OpenVtn()).setCaseInsensitiveEnumValuesAllowed(true);
        return CliErrors.install(CliTypes.register(cl));
    }
}
