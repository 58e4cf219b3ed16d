package org.openvtn.conformance.sep;

import java.util.List;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Requirement;

/**
 * A {@code sep-server} case: catalogue row plus body. The body gets the run's {@link SepSession}; a driver step
 * the target cannot be driven to do ({@link SepServerDriver.Unsupported}) ends the case SKIPPED with the reason.
 */
final class SepCase implements ConformanceCase {

    /** Role the suite plays. */
    static final String ROLE = "client";
    /** Transport. */
    static final String TRANSPORT = "https";

    interface Body {
        void run(CaseContext ctx, SepSession session) throws Exception;
    }

    private final CaseInfo info;
    private final Body body;

    SepCase(CaseInfo info, Body body) {
        this.info = info;
        this.body = body;
    }

    static SepCase of(List<String> ids, String title, String specRef, Requirement level, Set<String> requires,
                      Body body) {
        return new SepCase(new CaseInfo(ids.get(0), ids, title, specRef, level, ROLE, TRANSPORT, requires), body);
    }

    static SepCase must(List<String> ids, String title, String specRef, Set<String> requires, Body body) {
        return of(ids, title, specRef, Requirement.MUST, requires, body);
    }

    @Override
    public CaseInfo info() {
        return info;
    }

    @Override
    public void run(CaseContext ctx) throws Exception {
        SepSession session = SepSession.of(ctx);
        try {
            body.run(ctx, session);
        } catch (SepServerDriver.Unsupported e) {
            throw ctx.skip("driver " + session.driver(ctx).name() + ": " + e.getMessage());
        }
    }
}
