package org.openvtn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openvtn.sep.http.SepServer;
import org.openvtn.server.VtnServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openvtn serve --config FILE}: the production VTN, configured by one YAML file (docs/configuration.md). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the VTN with a production configuration file (YAML; every key in docs/configuration.md).",
                "Unknown keys, missing required keys and bad values are refused, naming the key, before anything starts.",
                "Stops gracefully on SIGTERM."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", converter = CliTypes.InputFile.class, description = "Configuration file (YAML).")
    Path config;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "plain (default) or json: one JSON object "
            + "per log line (time, level, logger, message, thread, exception); overrides logging.format.")
    String logFormat;

    @Option(names = "--check", description = "Only validate the configuration file, then exit (0 = valid).")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (logFormat != null && !LogFormat.FORMATS.contains(logFormat)) {
            err.println("openvtn serve: --log-format must be plain or json, not " + logFormat);
            err.flush();
            return 2;
        }
        ServeConfigFile.Settings settings;
        try {
            settings = ServeConfigFile.load(config);
        } catch (ServeConfigFile.ConfigException e) {
            err.println("openvtn serve: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (check) {
            spec.commandLine().getOut().println(config + ": configuration is valid");
            spec.commandLine().getOut().flush();
            return 0;
        }
        return Daemon.runUntilStopped(start(settings));
    }

    /** The running VTN: OpenADR (and admin) and, when configured, IEEE 2030.5, connectors of one server. */
    record Running(VtnServer vtn) implements AutoCloseable {
        /** @return the 2030.5 listener, null when the file has no {@code sep} section */
        SepServer sep() {
            return vtn.sep().orElse(null);
        }

        @Override
        public void close() {
            vtn.close();
        }
    }

    /** Starts the VTN with, when the file has a {@code sep} section, the 2030.5 listener in the same assembly. */
    static Running start(ServeConfigFile.Settings settings) {
        return new Running(VtnServer.start(settings.vtn().withSep(settings.sep())));
    }
}
