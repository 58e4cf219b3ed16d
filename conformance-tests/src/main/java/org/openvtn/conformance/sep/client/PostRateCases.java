package org.openvtn.conformance.sep.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.sep.SepXml;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.MirrorUsagePoint;
import org.openvtn.schemas.sep.RoleFlagsType;
import org.openvtn.schemas.sep.ServiceKind;
import org.w3c.dom.Element;

/**
 * Telemetry post rate row of {@code sep-client} (CSIP-AUS ALL-10 "telemetry post rate updates"): the server sets the
 * postRate of the device's MirrorUsagePoint (IEEE 2030.5-2018 §10.11, MirrorUsagePoint postRate: the rate at which
 * the client posts its readings), the device mirrors at that rate and follows a change. The harness serves the
 * MirrorUsagePoint the device POSTed at the Location it gave, with the scenario's postRate; the row sets one rate,
 * measures the interval between two MirrorMeterReading posts of one mRID after a round of slack, then another rate.
 * No driver action (the device mirrors on its own schedule).
 */
final class PostRateCases {
    /** Rule: the device's mirror interval follows the MirrorUsagePoint's postRate. */
    static final String POST_RATE = "sep.client.mirror.postRate";
    /** The two rates (s) the row sets in turn; both differ from common default intervals and from each other. */
    static final long FIRST = 6;
    static final long SECOND = 3;

    private PostRateCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(DeviceCase.of(List.of("ALL-10"), "telemetry post rate updates: the harness sets the postRate of"
                        + " the device's MirrorUsagePoint to " + FIRST + " s, then to " + SECOND + " s; the"
                        + " MirrorMeterReading posts of one reading follow each (interval within -1/+2 s of the rate)",
                "IEEE 2030.5-2018 §10.11 MirrorUsagePoint postRate; CSIP-AUS ALL-10", PostRateCases::postRate));
    }

    /** The MirrorUsagePoint the device POSTed, as the harness serves it at {@code href} with {@code postRate}. */
    static MirrorUsagePoint mirrorUsagePoint(String href, Element posted, Long postRate) {
        MirrorUsagePoint m = new MirrorUsagePoint();
        m.setHref(href);
        MRIDType id = new MRIDType();
        id.setValue(hex(SepXml.text(posted, "mRID").orElse("00000000000000000000000000000000")));
        m.setMRID(id);
        SepXml.text(posted, "description").ifPresent(m::setDescription);
        RoleFlagsType role = new RoleFlagsType();
        role.setValue(hex(SepXml.text(posted, "roleFlags").orElse("0009")));
        m.setRoleFlags(role);
        ServiceKind kind = new ServiceKind();
        kind.setValue(Short.parseShort(SepXml.text(posted, "serviceCategoryKind").filter(v -> v.matches("\\d{1,3}"))
                .orElse("0")));
        m.setServiceCategoryKind(kind);
        m.setStatus(Short.parseShort(SepXml.text(posted, "status").filter(v -> v.matches("\\d{1,3}")).orElse("1")));
        m.setDeviceLFDI(hex(SepXml.text(posted, "deviceLFDI").orElse("00".repeat(20))));
        m.setPostRate(postRate);
        return m;
    }

    private static byte[] hex(String s) {
        try {
            return HexFormat.of().parseHex(s.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    static void postRate(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        for (long rate : new long[] {FIRST, SECOND}) {
            h.edit(sc -> sc.mirrorPostRate = rate);
            Optional<Long> g = gap(s, h, rate, "postRate " + rate + " s");
            if (g.isEmpty()) {
                return;
            }
            long ms = g.get();
            s.ctx().note("postRate " + rate + " s: interval " + ms + " ms");
            s.ctx().check(ms >= rate * 1000 - 1000 && ms <= rate * 1000 + 2000, () -> RuleViolation.must(POST_RATE,
                    "/MirrorUsagePoint/postRate", "the MirrorUsagePoint's postRate is " + rate + " s but the device"
                            + " posted its readings " + ms + " ms apart (accepted " + (rate - 1) + ".." + (rate + 2)
                            + " s)"));
        }
    }

    /**
     * Waits for three MirrorMeterReading posts of one mRID from now on and returns the interval between the last
     * two (the first round may still run on the earlier rate); empty (and a violation) when they do not come.
     */
    private static Optional<Long> gap(DeviceSteps s, SepDeviceHarness h, long rate, String phase)
            throws InterruptedException {
        int from = h.count();
        Duration wait = s.patience().plusSeconds(Math.max(rate, 10) * 4);
        long deadline = System.nanoTime() + wait.toNanos();
        List<java.time.Instant> at = new ArrayList<>();
        String mrid = null;
        int next = from;
        while (at.size() < 3 && System.nanoTime() - deadline < 0) {
            String want = mrid;
            Optional<SepDeviceHarness.Req> r = h.await(next, q -> q.method().equals("POST") && q.root() != null
                    && "MirrorMeterReading".equals(q.root().getLocalName()) && q.path().startsWith(Scenario.MUP + "/")
                    && (want == null || want.equalsIgnoreCase(q.text("mRID").orElse(""))),
                    Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (r.isEmpty()) {
                break;
            }
            next = r.get().seq() + 1;
            mrid = mrid == null ? r.get().text("mRID").orElse("") : mrid;
            at.add(r.get().at());
        }
        if (at.size() < 3) {
            String seen = at.size() + " of 3";
            s.ctx().check(false, () -> RuleViolation.must(POST_RATE, Scenario.MUP, phase + ": " + seen
                    + " MirrorMeterReading posts of one reading within " + wait.toSeconds() + " s"));
            return Optional.empty();
        }
        return Optional.of(Duration.between(at.get(1), at.get(2)).toMillis());
    }
}
