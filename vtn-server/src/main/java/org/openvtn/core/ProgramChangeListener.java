package org.openvtn.core;

/**
 * Called inside the transaction that creates or deletes a program, on the writing thread (issue #20: the OpenADR 3.1
 * notifier queues its notifications in the write's own transaction, so a rolled-back write notifies nobody and a
 * committed one is never lost). An exception rolls the write back; implementations must be quick.
 */
@FunctionalInterface
public interface ProgramChangeListener {
    /** What happened to the program. */
    enum Kind { CREATED, DELETED }

    /**
     * @param kind    CREATED or DELETED
     * @param program the program as created, or as it was before the delete
     */
    void onProgramChange(Kind kind, Program program);
}
