package org.openvtn.conformance.sep.client;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * Connection point row of {@code sep-client} (CSIP-AUS ALL-03): csipaus-core-v1.3.xsd extends the EndDevice with a
 * {@code csipaus:ConnectionPointLink}; a device configured with its site's connection point id (the NMI) PUTs a
 * {@code csipaus:ConnectionPoint} (csipaus-ext-v1.3.xsd ConnectionPointType: {@code connectionPointId}, String32)
 * there. The expected id is the target property {@code nmi}; without it any non-empty id passes (and is noted).
 */
final class NmiCases {
    /** Rule: the device PUTs its ConnectionPoint to the EndDevice's csipaus:ConnectionPointLink (CSIP-AUS 1.3). */
    static final String CONNECTION_POINT = "sep.client.csipaus.connection-point";
    private static final Pattern END_DEVICE_CLOSE = Pattern.compile("</((?:[\\w-]+:)?)EndDevice>");

    private NmiCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(DeviceCase.of(List.of("ALL-03"), "connection point registration: given an EndDevice that"
                        + " carries a csipaus:ConnectionPointLink, the device PUTs a csipaus:ConnectionPoint with the"
                        + " connectionPointId (NMI) it was configured with (target property nmi) to that link",
                "CSIP-AUS 1.3 csipaus-core EndDevice ConnectionPointLink, csipaus-ext ConnectionPointType;"
                        + " CSIP-AUS ALL-03", NmiCases::connectionPoint));
    }

    /** Appends the csipaus:ConnectionPointLink to every EndDevice of a served document (the extension's place: last). */
    static String inject(String xml) {
        Matcher m = END_DEVICE_CLOSE.matcher(xml);
        return m.replaceAll(x -> Matcher.quoteReplacement("<csipaus:ConnectionPointLink xmlns:csipaus=\""
                + CsipAusModes.NS + "\" href=\"" + Scenario.CONNECTION_POINT + "\"/>" + x.group()));
    }

    static void connectionPoint(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        String nmi = s.ctx().target().property("nmi", "").trim();
        int from = h.count();
        h.edit(sc -> sc.connectionPoint = true);
        s.refresh(null);
        Optional<SepDeviceHarness.Req> put = h.await(from, r -> r.method().equals("PUT")
                && r.path().equals(Scenario.CONNECTION_POINT), s.patience());
        s.ctx().check(put.isPresent(), () -> RuleViolation.must(CONNECTION_POINT, Scenario.CONNECTION_POINT,
                "no csipaus:ConnectionPoint PUT to the EndDevice's ConnectionPointLink " + Scenario.CONNECTION_POINT
                        + " within " + s.patience().toSeconds() + " s; requests: " + s.fetched(from)));
        if (put.isEmpty()) {
            return;
        }
        SepDeviceHarness.Req r = put.get();
        boolean isCp = r.root() != null && "ConnectionPoint".equals(r.root().getLocalName())
                && CsipAusModes.NS.equals(r.root().getNamespaceURI());
        s.ctx().check(isCp, () -> RuleViolation.must(CONNECTION_POINT, Scenario.CONNECTION_POINT,
                "the PUT body is not a csipaus:ConnectionPoint: " + r.body()));
        String id = r.text("connectionPointId").orElse("");
        s.ctx().check(!id.isEmpty(), () -> RuleViolation.must(CONNECTION_POINT, "/ConnectionPoint/connectionPointId",
                "no connectionPointId"));
        if (nmi.isEmpty()) {
            s.ctx().note("target property nmi not set: any connectionPointId accepted; the device PUT '" + id + "'");
        } else {
            s.ctx().check(nmi.equals(id), () -> RuleViolation.must(CONNECTION_POINT,
                    "/ConnectionPoint/connectionPointId", "connectionPointId '" + id + "', the device was configured"
                            + " with '" + nmi + "' (target property nmi)"));
        }
        s.ctx().note("ConnectionPoint PUT: " + r.body());
    }
}
