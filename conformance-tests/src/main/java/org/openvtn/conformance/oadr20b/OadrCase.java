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
