package org.openvtn.sep.service;

import java.time.Clock;
import java.util.Optional;
import org.openvtn.core.ProgramService;
import org.openvtn.sep.store.JdbcSepRecordStore;

/**
 * Per-program primacy of the 2030.5 view of a core program, set by the operator (IEEE 2030.5-2018 §10.10
 * DERProgram.primacy and DemandResponseProgram.primacy, PrimacyType UInt8: lower value = higher priority;
 * CSIP: a DER client resolves controls of overlapping programs by primacy). A program without one is served with the listener's configured primacy
 * ({@code SepConfig.primacy}). Since every FunctionSetAssignments carries exactly one program, a DERProgramList
 * has one entry and its primacy-then-mRID order (§10.10.4) is trivially met; a device resolves programs of
 * several FunctionSetAssignments by their primacy (CSIP-AUS S-ALL-49). A change is recorded in the change log, so
 * the subscribers of the program's DERProgramLists and DemandResponseProgramLists are notified.
 */
public final class ProgramPrimacyService {
    private final JdbcSepRecordStore records;
    private final ProgramService programs;
    private final Clock clock;

    public ProgramPrimacyService(JdbcSepRecordStore records, ProgramService programs, Clock clock) {
        this.records = records;
        this.programs = programs;
        this.clock = clock;
    }

    /**
     * @param programId core program
     * @param primacy   0..255
     * @throws IllegalArgumentException naming the field when the program is unknown or the value out of range
     */
    public void set(String programId, int primacy) {
        if (primacy < 0 || primacy > 255) {
            throw new IllegalArgumentException("primacy: must be 0..255 (PrimacyType UInt8)");
        }
        if (programs.get(programId).isEmpty()) {
            throw new IllegalArgumentException("programId: unknown program " + programId);
        }
        records.putProgramPrimacy(programId, primacy, clock.instant());
        // the program's DERProgramList / DemandResponseProgramList subscribers are notified (CSIP-AUS S-ALL-49)
        records.recordChange("primacy", null, programId, clock.instant());
    }

    /** @return the primacy the operator set, if any */
    public Optional<Integer> get(String programId) {
        return records.programPrimacy(programId);
    }
}
