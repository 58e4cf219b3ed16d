package org.openvtn.conformance.oadr3;

import java.util.List;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Requirement;

/** A row of {@code oadr31-vtn}: its catalogue entry and its steps. */
record Oadr3Case(CaseInfo info, Body body) implements ConformanceCase {
    /** Role and transport of every row. */
    static final String ROLE = "BL+VEN";
    static final String TRANSPORT = "https-rest";

    interface Body {
        void run(Oadr3Api api) throws Exception;
    }

    static Oadr3Case must(String id, String title, String clause, Body body) {
        return new Oadr3Case(new CaseInfo(id, List.of(id), title, clause, Requirement.MUST, ROLE, TRANSPORT, Set.of()),
                body);
    }

    static Oadr3Case should(String id, String title, String clause, Body body) {
        return new Oadr3Case(new CaseInfo(id, List.of(id), title, clause, Requirement.SHOULD, ROLE, TRANSPORT,
                Set.of()), body);
    }

    @Override
    public void run(CaseContext context) throws Exception {
        body.run(Oadr3Api.of(context));
    }
}
