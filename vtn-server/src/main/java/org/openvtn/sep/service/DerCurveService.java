package org.openvtn.sep.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.openvtn.core.ProgramService;
import org.openvtn.sep.store.JdbcCurveStore;

/**
 * DERCurves per core program (IEEE 2030.5-2018 DER function set, DERCurveList under each DERProgram): the operator
 * defines them ({@link DerCurveDefinition}, validated), every device that sees the program reads them at
 * {@code /edev/{e}/derp/{p}/dc[/{n}]}. DERCurveList is a List, not a SubscribableList (sep.xsd), so devices poll
 * it; there is no Notification to send on a change.
 */
public final class DerCurveService {
    /** The largest curve index ({n} of {@code .../dc/{n}}). */
    public static final int MAX_ID = 999_999;

    private final JdbcCurveStore store;
    private final ProgramService programs;
    private final Clock clock;
    private final java.util.function.BiFunction<String, Integer, Optional<String>> referrer;

    public DerCurveService(JdbcCurveStore store, ProgramService programs, Clock clock) {
        this(store, programs, clock, (p, n) -> Optional.empty());
    }

    /**
     * @param referrer what links curve n of a program ({@link CurveReferences#referrer}); a linked curve is not
     *                 deleted nor given another curveType
     */
    public DerCurveService(JdbcCurveStore store, ProgramService programs, Clock clock,
                           java.util.function.BiFunction<String, Integer, Optional<String>> referrer) {
        this.referrer = referrer;
        this.store = store;
        this.programs = programs;
        this.clock = clock;
    }

    /**
     * Defines (or replaces) curve {@code curveId} of a program.
     *
     * @throws IllegalArgumentException naming {@code programId} (unknown) or {@code curveId} (out of range)
     * @throws CurveReferences.CurveInUseException when a linked curve would change its curveType
     */
    public JdbcCurveStore.Curve put(String programId, int curveId, DerCurveDefinition def) {
        program(programId);
        if (curveId < 1 || curveId > MAX_ID) {
            throw new IllegalArgumentException("curveId: 1.." + MAX_ID + " required; got " + curveId);
        }
        if (store.get(programId, curveId).filter(c -> c.curveType() != def.curveType()).isPresent()) {
            inUse(programId, curveId, "change the curveType of");
        }
        return store.put(programId, curveId, def.curveType(), def.text(), clock.instant());
    }

    /**
     * @return the program's curves, by id
     * @throws IllegalArgumentException naming {@code programId} when the program is unknown
     */
    public List<JdbcCurveStore.Curve> list(String programId) {
        program(programId);
        return store.list(programId);
    }

    /** @return one curve */
    public Optional<JdbcCurveStore.Curve> get(String programId, int curveId) {
        return store.get(programId, curveId);
    }

    /**
     * @return false when the program has no such curve
     * @throws CurveReferences.CurveInUseException when a control or the DefaultDERControl links it
     */
    public boolean delete(String programId, int curveId) {
        program(programId);
        if (store.get(programId, curveId).isPresent()) {
            inUse(programId, curveId, "delete");
        }
        return store.delete(programId, curveId);
    }

    private void inUse(String programId, int curveId, String what) {
        Optional<String> by = referrer.apply(programId, curveId);
        if (by.isPresent()) {
            throw new CurveReferences.CurveInUseException("curveId: cannot " + what + " DERCurve " + curveId
                    + " of program " + programId + ": " + by.get() + " links it (IEEE 2030.5-2018 DERCurveLink)");
        }
    }

    private void program(String programId) {
        if (programs.get(programId).isEmpty()) {
            throw new IllegalArgumentException("programId: unknown program " + programId);
        }
    }
}
