package org.openvtn.conformance.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

import org.openvtn.conformance.CaseSkipped;
import org.openvtn.conformance.Prompter;

/** The two operator consoles: an interactive one and one for unattended runs. */
public final class Prompters {

    /** The reason a case is SKIPPED when it asks an absent operator. */
    public static final String NEEDS_AN_OPERATOR = "needs an operator";

    private Prompters() {
    }

    /**
     * An interactive console: prints the instruction and waits for a line.
     *
     * @param in  the operator's input
     * @param out where instructions go (stderr for the CLI, so stdout stays the result lines)
     */
    public static Prompter console(BufferedReader in, PrintStream out) {
        return new Prompter() {
            @Override
            public synchronized String ask(String instruction) {
                out.println();
                out.println(">>> OPERATOR: " + instruction);
                out.print(">>> press Enter when done (or type an answer): ");
                out.flush();
                try {
                    String line = in.readLine();
                    if (line == null) {
                        throw new CaseSkipped(NEEDS_AN_OPERATOR + " (console closed): " + instruction);
                    }
                    return line.trim();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean interactive() {
                return true;
            }
        };
    }

    /** No operator: {@link Prompter#ask} ends the case with SKIPPED, reason "needs an operator: ...". */
    public static Prompter nonInteractive() {
        return new Prompter() {
            @Override
            public String ask(String instruction) {
                throw new CaseSkipped(NEEDS_AN_OPERATOR + ": " + instruction);
            }

            @Override
            public boolean interactive() {
                return false;
            }
        };
    }
}
