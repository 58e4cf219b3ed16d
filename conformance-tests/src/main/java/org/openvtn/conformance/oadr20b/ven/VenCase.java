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
    static final String PUSH = "simpleHttp-push";

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

    /**
     * The push row of a pull row: same title, rule and body, run against a push VEN; IDs mapped to the push numbers
     * (N1_00xx -> N0_50xx, E1_10xx -> E0_60xx, P1_20xx -> P0_70xx, R1_30xx -> R0_80xx, G1_40xx -> G0_90xx,
     * A_E1_ -> A_E0_).
     */
    static VenCase pushOf(ConformanceCase pull) {
        CaseInfo i = pull.info();
        String id = pushId(i.id());
        return new VenCase(new CaseInfo(id, List.of(id), i.title(), i.specRef(), i.level(), ROLE, PUSH, i.requires()),
                ((VenCase) pull).body());
    }

    static String pushId(String pullId) {
        if (pullId.startsWith("A_E1_")) {
            return "A_E0_" + pullId.substring(5);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([NEPRG])1_(\\d)(\\d{3})").matcher(pullId);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a pull test ID: " + pullId);
        }
        return m.group(1) + "0_" + (Integer.parseInt(m.group(2)) + 5) + m.group(3);
    }

    @Override
    public void run(CaseContext ctx) throws Exception {
        VenSteps s = new VenSteps(ctx, PUSH.equals(info.transport()));
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
