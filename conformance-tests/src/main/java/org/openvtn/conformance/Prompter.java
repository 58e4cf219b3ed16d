package org.openvtn.conformance;

/**
 * The operator console, for targets that cannot be driven through an API. The suite tells the operator what
 * to set up on the target and waits.
 */
public interface Prompter {

    /** Shows the instruction and blocks until the operator confirms; returns what the operator typed. */
    String ask(String instruction);

    /** Whether a human is there to answer; when false, cases needing a prompt are SKIPPED with the reason. */
    boolean interactive();
}
