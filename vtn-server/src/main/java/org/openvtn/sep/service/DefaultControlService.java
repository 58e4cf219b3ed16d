package org.openvtn.sep.service;

import java.time.Clock;
import java.util.Optional;
import org.openvtn.core.ProgramService;
import org.openvtn.sep.store.JdbcSepRecordStore;
import org.openvtn.sep.store.SepRecords;

/**
 * DefaultDERControl per DERProgram (IEEE 2030.5-2018 §10.10 DER function set; CSIP: the default
 * control a DER follows when no event is active), set by the operator. Until one is set,
 * {@code /edev/{e}/derp/{p}/dderc} answers 404 and the DERProgram carries no DefaultDERControlLink.
 * Each change bumps the version and is written to the change log, so subscribers of the resource
 * are notified (§5.6). Curve modes (opModVoltVar ...) link the program's DERCurves of the same curveType.
 */
public final class DefaultControlService {
    private final JdbcSepRecordStore records;
    private final ProgramService programs;
    private final Clock clock;

    private final java.util.function.BiFunction<String, Integer, Optional<Integer>> curveTypes;

    public DefaultControlService(JdbcSepRecordStore records, ProgramService programs, Clock clock) {
        this(records, programs, clock, (p, n) -> Optional.empty());
    }

    /**
     * @param curveTypes (programId, curve index) -> that curve's DERCurveType, if defined: a curve mode of the
     *                   settings must link a curve of its own type
     */
    public DefaultControlService(JdbcSepRecordStore records, ProgramService programs, Clock clock,
                                 java.util.function.BiFunction<String, Integer, Optional<Integer>> curveTypes) {
        this.curveTypes = curveTypes;
        this.records = records;
        this.programs = programs;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException naming {@code programId} when the program is unknown
     */
    public SepRecords.DefaultControl set(String programId, DefaultControlSettings settings) {
        requireProgram(programId);
        settings.curves().forEach((mode, n) -> {
            int type = DerCurveDefinition.CURVE_TYPES.indexOf(mode);
            if (curveTypes.apply(programId, n).filter(t -> t == type).isEmpty()) {
                throw new IllegalArgumentException(mode + ": program " + programId + " has no DERCurve " + n
                        + " of curveType " + type + " (" + mode + ")");
            }
        });
        return records.inTransaction(() -> {
            SepRecords.DefaultControl d = records.putDefaultControl(programId, settings.toText(), clock.instant());
            records.recordChange("dderc", null, programId, clock.instant());
            return d;
        });
    }

    /** @return true when one was removed */
    public boolean delete(String programId) {
        requireProgram(programId);
        return records.inTransaction(() -> {
            boolean removed = records.deleteDefaultControl(programId);
            if (removed) {
                records.recordChange("dderc", null, programId, clock.instant());
            }
            return removed;
        });
    }

    public Optional<SepRecords.DefaultControl> get(String programId) {
        return records.defaultControl(programId);
    }

    private void requireProgram(String programId) {
        if (programs.get(programId).isEmpty()) {
            throw new IllegalArgumentException("programId: unknown program " + programId);
        }
    }
}
