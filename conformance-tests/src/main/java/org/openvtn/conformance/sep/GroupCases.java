package org.openvtn.conformance.sep;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * CSIP BASIC-002 and BASIC-003, group membership (IEEE 2030.5-2018 §6.5: FunctionSetAssignments are assigned to
 * groups of EndDevices): two programs offered to one group each; a device the utility puts in group A finds A's
 * FunctionSetAssignments and not B's, and after being moved to group B the reverse. The public catalogue names the
 * pair without their steps, so they are realised together.
 */
final class GroupCases {
    /** The device sees the FunctionSetAssignments of its group and no other group's. */
    static final String GROUP_FSA = "sep.fsa.group";

    private GroupCases() {
    }

    static List<SepCase> cases() {
        return List.of(SepCase.must(List.of("BASIC-002", "BASIC-003"), "Group membership: the device finds the"
                        + " FunctionSetAssignments of the group the utility put it in, not another group's; moved to"
                        + " the other group, the reverse",
                "IEEE 2030.5-2018 §6.5 FunctionSetAssignments; CSIP BASIC-002, BASIC-003",
                Set.of(SepServerSuite.GROUPS), GroupCases::basic002));
    }

    private static void basic002(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        SepServerDriver driver = s.driver(ctx);
        SepServerDriver a = driver.program(ctx, "conformance-sep-group-a");
        SepServerDriver b = driver.program(ctx, "conformance-sep-group-b");
        a.offerToGroups(ctx, List.of("conformance-a"));
        b.offerToGroups(ctx, List.of("conformance-b"));
        String ma = a.programMarker(ctx).orElseThrow(() -> ctx.skip("the driver cannot name its programs"));
        String mb = b.programMarker(ctx).orElseThrow(() -> ctx.skip("the driver cannot name its programs"));
        try {
            driver.assignGroups(ctx, s.mainDevice(), List.of("conformance-a"));
            sees(ctx, c, ma, mb, "group A");
            driver.assignGroups(ctx, s.mainDevice(), List.of("conformance-b"));
            sees(ctx, c, mb, ma, "group B (moved from A)");
        } finally {
            driver.assignGroups(ctx, s.mainDevice(), List.of());
        }
    }

    /** The device's FunctionSetAssignmentsList holds the program {@code mine} and not {@code theirs}. */
    private static void sees(CaseContext ctx, SepClientHarness c, String mine, String theirs, String where) {
        List<Element> fsas = c.items("GET FunctionSetAssignmentsList in " + where, c.link(c.endDevice(),
                "FunctionSetAssignmentsListLink"), "FunctionSetAssignmentsList");
        SepCases.check(ctx, holds(c, fsas, mine).isPresent(), GROUP_FSA, "FunctionSetAssignmentsList", "in " + where
                + " the device finds no FunctionSetAssignments of its group's program " + mine);
        holds(c, fsas, theirs).ifPresent(f -> SepCases.check(ctx, false, GROUP_FSA, SepXml.path(f), "in " + where
                + " the device is offered " + SepXml.attr(f, "href").orElse("?") + ", the other group's program "
                + theirs));
    }

    /** The FunctionSetAssignments whose href or mRID, or whose DERProgram's, names the program. */
    private static Optional<Element> holds(SepClientHarness c, List<Element> fsas, String marker) {
        for (Element f : fsas) {
            if (RateCases.marked(List.of(f), marker).isPresent()) {
                return Optional.of(f);
            }
            Optional<String> derp = SepXml.link(f, "DERProgramListLink");
            if (derp.isPresent() && RateCases.marked(c.items("GET DERProgramList", derp.get(), "DERProgramList"),
                    marker).isPresent()) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
