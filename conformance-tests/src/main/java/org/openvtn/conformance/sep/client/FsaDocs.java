package org.openvtn.conformance.sep.client;

import java.util.Comparator;
import java.util.List;
import org.openvtn.schemas.sep.DERProgramList;
import org.openvtn.schemas.sep.DERProgramListLink;
import org.openvtn.schemas.sep.FunctionSetAssignments;
import org.openvtn.schemas.sep.FunctionSetAssignmentsList;
import org.openvtn.schemas.sep.TimeLink;

/**
 * The harness's FunctionSetAssignments when a case gives the EndDevice several ({@link Scenario#fsas}; IEEE
 * 2030.5-2018 §6.4 FunctionSetAssignments, §10.10.3.2 DERProgramList; CSIP §5.2.2 group management; CSIP-AUS §5.2.4):
 * the FunctionSetAssignmentsList, each FSA, and each FSA's own DERProgramList (ascending primacy, §10.10.3.2). A
 * program can be linked from several FSAs (CSIP-AUS P-01: one DERProgram, hence one set of DERControls, shared).
 */
final class FsaDocs {
    private FsaDocs() {
    }

    /** The document at {@code path} when the scenario has its own FSAs and the path is one of theirs; else null. */
    static Object get(Scenario sc, String path, long start, long limit) {
        if (sc.fsas == null) {
            return null;
        }
        if (path.equals(Scenario.FSA_LIST)) {
            FunctionSetAssignmentsList l = new FunctionSetAssignmentsList();
            l.setHref(Scenario.FSA_LIST);
            l.setSubscribable((short) (sc.subscriptions ? 1 : 0));
            l.setPollRate(sc.fsaPollRate != null ? sc.fsaPollRate : sc.pollRate);
            l.setAll(sc.fsas.size());
            for (Scenario.Fsa f : Scenario.page(sc.fsas, start, limit)) {
                l.getFunctionSetAssignments().add(fsa(f));
            }
            l.setResults(l.getFunctionSetAssignments().size());
            return l;
        }
        for (Scenario.Fsa f : sc.fsas) {
            if (path.equals(f.href())) {
                return fsa(f);
            }
            if (path.equals(f.programList())) {
                List<Scenario.Program> ps = f.programs().stream()
                        .sorted(Comparator.comparingInt(p -> p.primacy)).toList();
                DERProgramList l = new DERProgramList();
                l.setHref(f.programList());
                l.setSubscribable((short) (sc.subscriptions ? 1 : 0));
                l.setPollRate(sc.programListPollRate != null ? sc.programListPollRate : sc.pollRate);
                l.setAll(ps.size());
                for (Scenario.Program p : Scenario.page(ps, start, limit)) {
                    l.getDERProgram().add(HarnessDocs.program(p));
                }
                l.setResults(l.getDERProgram().size());
                return l;
            }
        }
        return null;
    }

    private static FunctionSetAssignments fsa(Scenario.Fsa f) {
        FunctionSetAssignments r = new FunctionSetAssignments();
        r.setHref(f.href());
        r.setSubscribable((short) 0);
        r.setMRID(HarnessDocs.mrid(f.mrid()));
        r.setDescription("harness FSA " + f.id());
        DERProgramListLink dl = new DERProgramListLink();
        dl.setHref(f.programList());
        dl.setAll((long) f.programs().size());
        r.setDERProgramListLink(dl);
        TimeLink t = new TimeLink();
        t.setHref(Scenario.TIME);
        r.setTimeLink(t);
        return r;
    }
}
