package org.openvtn.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * The one way {@code openvtn} fails (issue #13): a user mistake (bad flag, missing file, bad port, URL, duration,
 * number, enum value, conflicting flags) is one line on stderr naming the flag and the problem, exit status
 * {@value #USAGE}; an unexpected error is one line and exit status {@value #INTERNAL}. The stack trace is printed only
 * with {@code --verbose}. Mistakes are found while parsing (type converters, {@link CliTypes}) or at the start of a
 * command ({@link ParameterException}), before anything is written.
 */
final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    /** Exit status of a user mistake on the command line. */
    static final int USAGE = 2;
    /** Exit status of an unexpected error. */
    static final int INTERNAL = 1;
    /** The global option that adds stack traces. */
    static final String VERBOSE = "--verbose";

    /** Installs both handlers on {@code cl} (and its subcommands). */
    static CommandLine install(CommandLine cl) {
        CliErrors handler = new CliErrors();
        return cl.setParameterExceptionHandler(handler).setExecutionExceptionHandler(handler);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        print(cl.getErr(), cl.getCommandSpec().qualifiedName() + ": " + message(ex), ex, verbose(Arrays.asList(args)));
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        String line = cl.getCommandSpec().qualifiedName() + ": internal error: " + describe(ex);
        boolean verbose = verbose(parseResult.originalArgs());
        print(cl.getErr(), verbose ? line : line + " (" + VERBOSE + " prints the stack trace)", ex, verbose);
        return INTERNAL;
    }

    private static boolean verbose(List<String> args) {
        return args.contains(VERBOSE);
    }

    private static void print(PrintWriter err, String line, Throwable ex, boolean verbose) {
        err.println(oneLine(line));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
    }

    /** "--flag VALUE: problem" for a value a converter refused; picocli's own message otherwise. */
    static String message(ParameterException ex) {
        ArgSpec arg = ex.getArgSpec();
        Throwable cause = ex.getCause();
        if (arg != null && ex.getValue() != null && cause != null) {
            String problem = cause instanceof TypeConversionException ? cause.getMessage() : describe(cause);
            return name(arg) + " " + ex.getValue() + ": " + problem;
        }
        String m = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        if (ex instanceof CommandLine.UnmatchedArgumentException || ex instanceof CommandLine.MissingParameterException
                || ex instanceof CommandLine.OverwrittenOptionException
                || ex instanceof CommandLine.MutuallyExclusiveArgsException) {
            return m + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')";
        }
        return m;
    }

    private static String name(ArgSpec arg) {
        if (arg instanceof OptionSpec o) {
            return o.longestName();
        }
        return arg instanceof PositionalParamSpec p ? p.paramLabel() : String.valueOf(arg);
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getName() : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
