package org.openvtn.device.engine;

import java.util.List;

/**
 * The state file's content (JSON): the last snapshot of programs, what the engine remembers per event (offsets
 * drawn, observations, transitions hence Responses sent, opt-outs), Responses held back while communication
 * is lost, and the randomization seed.
 *
 * @param version  format version, 1
 * @param seed     the randomization seed in use
 * @param savedAt  epoch seconds of the save
 * @param programs the last snapshot passed to {@link EventEngine#update}
 * @param events   per-event records
 * @param pending  Responses not yet handed to the sink (communication lost)
 */
record EngineState(int version, long seed, long savedAt, List<ProgramView> programs, List<EventRecord> events,
        List<PendingResponse> pending) {

    static final int VERSION = 1;

    /** A Response held back while communication is lost. */
    record PendingResponse(EventView event, int status, long at) {
    }
}
