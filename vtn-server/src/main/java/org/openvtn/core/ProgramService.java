package org.openvtn.core;

import java.util.List;
import java.util.Optional;

/** Programs and their market contexts. */
public interface ProgramService {
    /**
     * Creates a program with the default overlap policy, {@link OverlapPolicy#REJECT}.
     *
     * @param name          unique name
     * @param marketContext market context URI
     * @return the new program
     * @throws VtnException 454 naming {@code name} or {@code marketContext} when blank or duplicate
     */
    default Program create(String name, String marketContext) {
        return create(name, marketContext, OverlapPolicy.REJECT);
    }

    /**
     * @param name          unique name
     * @param marketContext market context URI
     * @param overlap       overlap policy: {@link OverlapPolicy#REJECT} for OpenADR 2.0b programs (conformance
     *                      rule 18), {@link OverlapPolicy#SUPERSEDE} for IEEE 2030.5 programs that rely on
     *                      supersession (CSIP CORE-023)
     * @return the new program
     * @throws VtnException 454 naming {@code name}, {@code marketContext} or {@code overlap}
     */
    Program create(String name, String marketContext, OverlapPolicy overlap);

    Optional<Program> get(String id);

    List<Program> list();

    /**
     * Deletes a program no event references (an issued event, even cancelled, keeps its program: VENs and the event
     * history know the event by it). Added for OpenADR 3.1 deleteProgram (issue #20).
     *
     * @return false when there is no such program
     * @throws VtnException {@link ErrorCode#NOT_ALLOWED} naming {@code id} when events reference it
     */
    boolean delete(String id);

    /**
     * Subscribes to program creation and deletion from any source (admin API, OpenADR 3.1 API, configuration); the
     * listener runs inside the write's transaction (see {@link ProgramChangeListener}).
     *
     * @return a handle whose close() unsubscribes
     */
    AutoCloseable addTransactionalListener(ProgramChangeListener listener);
}
