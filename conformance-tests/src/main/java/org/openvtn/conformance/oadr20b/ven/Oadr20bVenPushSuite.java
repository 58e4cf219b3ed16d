package org.openvtn.conformance.oadr20b.ven;

import java.util.List;
import java.util.Map;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Suite;

/**
 * {@code oadr20b-ven-push}: the suite plays an OpenADR 2.0b VTN against a push VEN. The VEN still posts its own
 * payloads to the harness listener ({@link VtnHarness}); what a pull VEN would collect by polling, the harness POSTs
 * to the VEN's oadrTransportAddress with mutual TLS ({@link VtnPusher}), checking the listener's certificate and
 * taking the synchronous answer as evidence. Rows are the pull rows under the official push IDs (N0_, E0_, A_E0_,
 * P0_, R0_, G0_); G1_4020 (rule 500, poll until empty) has no push row: a push VEN does not poll.
 */
public final class Oadr20bVenPushSuite implements Suite {

    /** Suite name on the command line. */
    public static final String NAME = "oadr20b-ven-push";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "plays an OpenADR 2.0b VTN (simple HTTP, push to the VEN's listener, mutual TLS) against a push VEN";
    }

    @Override
    public String catalogueVersion() {
        return "1.0";
    }

    @Override
    public Map<String, String> capabilities() {
        return Map.of();
    }

    @Override
    public List<ConformanceCase> cases() {
        return new Oadr20bVenPullSuite().cases().stream().filter(c -> !c.info().id().equals("G1_4020"))
                .map(c -> (ConformanceCase) VenCase.pushOf(c)).toList();
    }
}
