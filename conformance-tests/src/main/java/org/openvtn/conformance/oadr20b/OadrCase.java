package org.openvtn.conformance.oadr20b;

import java.util.List;
import java.util.Set;
import org.openvtn.conformance.AdminClient;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Requirement;

/**
 * One case of the {@code oadr20b-vtn-pull} or {@code oadr20b-vtn-push} catalogue: its row and its body. Driver operations the driver cannot
 * perform end the case SKIPPED with the driver's reason; an admin API error does the same (the precondition, not
 * the OpenADR interface, failed), naming the call.
 */
record OadrCase(CaseInfo info, Body body) implements ConformanceCase {

    static final String ROLE = "VEN";
    static final String TRANSPORT = "simpleHttp-pull";
    static final String PUSH_TRANSPORT = "simpleHttp-push";

    @FunctionalInterface
    interface Body {
        void run(CaseContext ctx) throws Exception;
    }

    static OadrCase must(String id, List<String> officialIds, String title, String specRef, Body body) {
        return new OadrCase(new CaseInfo(id, officialIds, title, specRef, Requirement.MUST, ROLE, TRANSPORT, Set.of()),
                body);
    }

    static OadrCase must(String id, String title, String specRef, Body body) {
        return must(id, List.of(id), title, specRef, body);
    }

    static OadrCase requiring(String id, List<String> officialIds, String title, String specRef, Requirement level,
                              Set<String> requires, Body body) {
        return new OadrCase(new CaseInfo(id, officialIds, title, specRef, level, ROLE, TRANSPORT, requires), body);
    }

    /**
     * A case of the {@code oadr20b-vtn-push} catalogue: before its body the suite's VEN is registered for push at the
     * harness's listener ({@link OadrPushHarness}), so every registration the body sends asks for push too.
     */
    static OadrCase push(String id, List<String> officialIds, String title, String specRef, Requirement level,
                         Set<String> requires, Body body) {
        return new OadrCase(new CaseInfo(id, officialIds, title, specRef, level, ROLE, PUSH_TRANSPORT, requires),
                ctx -> {
                    OadrPushHarness.main(ctx).ensurePushRegistered();
                    body.run(ctx);
                });
    }

    /**
     * The push row of a pull row: same title, spec reference, level, capabilities and body (run for a push VEN),
     * IDs mapped to the push numbers (N1_00xx -> N0_50xx, E1_10xx -> E0_60xx, P1_20xx -> P0_70xx,
     * R1_3xxx -> R0_8xxx, A_E3_ -> A_E2_).
     */
    static OadrCase pushOf(ConformanceCase pull) {
        OadrCase c = (OadrCase) pull;
        CaseInfo i = c.info();
        return push(pushId(i.id()), i.officialIds().stream().map(OadrCase::pushId).toList(), i.title(), i.specRef(),
                i.level(), i.requires(), c.body());
    }

    static String pushId(String pullId) {
        if (pullId.startsWith("A_E3_")) {
            return "A_E2_" + pullId.substring(5);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([NEPRG])1_(\\d)(\\d{3})").matcher(pullId);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a pull test ID: " + pullId);
        }
        return m.group(1) + "0_" + (Integer.parseInt(m.group(2)) + 5) + m.group(3);
    }

    static OadrCase push(String id, String title, String specRef, Body body) {
        return push(id, List.of(id), title, specRef, Requirement.MUST, Set.of(), body);
    }

    @Override
    public void run(CaseContext ctx) throws Exception {
        try {
            ctx.note("VTN driven by: " + OadrVtnDriver.of(ctx).describe());
            body.run(ctx);
        } catch (UnsupportedOperationException e) {
            throw ctx.skip(e.getMessage());
        } catch (AdminClient.AdminException e) {
            throw ctx.skip("admin API call failed (HTTP " + e.status() + "): " + e.getMessage());
        }
    }
}
