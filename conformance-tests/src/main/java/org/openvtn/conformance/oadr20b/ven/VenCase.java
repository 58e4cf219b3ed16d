package org.openvtn.conformance.oadr20b.ven;

import java.util.List;
import java.util.Set;
import org.openvtn.conformance.AdminClient;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Requirement;

/**
 * One row of the {@code oadr20b-ven-pull} / {@code oadr20b-ven-push} catalogues: the suite plays the VTN. An action
 * the declared driver cannot perform ends the case SKIPPED naming it; an automation interface error ends it FAIL
 * (the VEN was asked to act and could not).
 */
record VenCase(CaseInfo info, Body body) implements ConformanceCase {

    static final String ROLE = "VTN";
    static final String PULL = "simpleHttp-pull";

    @FunctionalInterface
    interface Body {
        void run(VenSteps s) throws Exception;
    }

    static VenCase of(String id, String title, String rule, Body body) {
        return new VenCase(new CaseInfo(id, List.of(id), title, rule, Requirement.MUST, ROLE, PULL, Set.of()), body);
    }

    static VenCase of(String id, String title, String rule, Set<String> requires, Body body) {
        return new VenCase(new CaseInfo(id, List.of(id), title, rule, Requirement.MUST, ROLE, PULL, requires), body);
    }

    @Override
    public void run(CaseContext ctx) throws Exception {
        VenSteps s = new VenSteps(ctx);
        ctx.note("harness VTN at " + s.harness().url() + "; VEN driven by " + s.driver().describe());
        try {
            body.run(s);
        } catch (UnsupportedOperationException e) {
            throw ctx.skip(e.getMessage());
        } catch (AdminClient.AdminException e) {
            throw ctx.fail("ven.automation", "", "the VEN's automation interface refused the action (HTTP "
                    + e.status() + "): " + e.getMessage());
        }
    }
}
