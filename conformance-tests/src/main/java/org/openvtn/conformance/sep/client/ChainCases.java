package org.openvtn.conformance.sep.client;

import java.util.List;
import java.util.stream.Collectors;
import org.openvtn.certs.pki.Credential;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * Server certificate chains (SunSpec CSIP COMM-004, COMM-004A..G; IEEE 2030.5-2018 §6.11.8, CSIP §5.2.1): the
 * harness presents, on the address the device was provisioned with, a valid chain of depth 2 and 4 (the device must
 * talk) and one bad chain per row (the device must abort the handshake and send nothing). The public test
 * descriptions do not map each letter to a defect; the mapping below is ours (conformance-tests/README.md): A
 * expired, B not yet valid, C not chaining to the SERCA, D self-signed, E an issuing CA with an extended key usage,
 * F an issuing CA with a policy mapping (CSIP: CA certificates carry neither), G a CA whose basic constraints
 * (pathLenConstraint 0) forbid the CA below it (RFC 5280 §4.2.1.9).
 */
final class ChainCases {
    /** Rule: the device talks over valid server chains only (§6.11.8; CSIP COMM-004). */
    static final String CHAIN = "sep.client.tls.chain";

    private ChainCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                DeviceCase.of(List.of("COMM-004"), "server chains of depth 2 (SERCA-server) and 4"
                        + " (SERCA-MCA-MICA-server) accepted", "IEEE 2030.5-2018 §6.11.8; CSIP COMM-004",
                        ChainCases::accepted),
                refusal("COMM-004A", ServerChains.EXPIRED, "an expired server certificate"),
                refusal("COMM-004B", ServerChains.NOT_YET_VALID, "a server certificate not yet valid"),
                refusal("COMM-004C", ServerChains.UNKNOWN_SERCA, "a server chain to another root (same SERCA name,"
                        + " other key)"),
                refusal("COMM-004D", ServerChains.SELF_SIGNED, "a self-signed server certificate"),
                refusal("COMM-004E", ServerChains.CA_EKU, "a server chain whose MICA carries an extended key usage"),
                refusal("COMM-004F", ServerChains.CA_POLICY_MAPPING, "a server chain whose MICA maps policies"),
                refusal("COMM-004G", ServerChains.PATH_LEN, "a server chain whose MCA's basic constraints"
                        + " (pathLenConstraint 0) forbid the MICA below it"));
    }

    private static DeviceCase refusal(String id, String chain, String what) {
        return DeviceCase.of(List.of(id), "the device refuses " + what + " (handshake aborted, no request)",
                "IEEE 2030.5-2018 §6.11.8; CSIP §5.2.1; CSIP " + id + " (our reading of the letter)",
                s -> refused(s, chain, what));
    }

    static void accepted(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        ServedIdentity id = h.identity();
        if (!id.chains().signedBySerca()) {
            throw new UnsupportedOperationException(noKey("chains of depth 2 and 4"));
        }
        for (String name : List.of(ServerChains.DEPTH_2, ServerChains.DEPTH_4)) {
            Credential c = id.chains().get(name);
            int depth = c.chain().size() + 1;
            try {
                id.present(c);
                int from = h.count();
                if (s.driver().mode() != DeviceDriver.Mode.PATIENCE) {
                    boolean walked = s.refresh(null);
                    s.ctx().check(walked, () -> RuleViolation.must(CHAIN, name, "the device reports its walk failed"
                            + " over a valid chain of depth " + depth));
                }
                var got = h.await(from, r -> r.method().equals("GET") && r.path().equals(h.dcapPath()), s.patience());
                s.ctx().check(got.isPresent(), () -> RuleViolation.must(CHAIN, name, "no request within "
                        + s.patience().toSeconds() + " s over a valid server chain of depth " + depth));
                got.ifPresent(r -> s.ctx().note("depth " + depth + " (" + subjects(c) + "): the device fetched "
                        + r.path()));
            } finally {
                id.restore();
            }
        }
    }

    static void refused(DeviceSteps s, String name, String what) throws Exception {
        SepDeviceHarness h = s.harness();
        ServedIdentity id = h.identity();
        Credential c = id.chains().get(name);
        if (c == null) {
            throw new UnsupportedOperationException(noKey(what));
        }
        int seen = id.failed();
        List<SepDeviceHarness.Req> during;
        String failure;
        try {
            id.present(c);
            int from = h.count();
            s.ctx().note("presenting " + what + ": " + subjects(c));
            if (s.driver().mode() != DeviceDriver.Mode.PATIENCE) {
                boolean walked = s.refresh(null);
                s.ctx().note("walk while presenting it: " + (walked ? "the device reports success"
                        : "the device reports it failed"));
            }
            // requests over the bad chain already decide the row; otherwise the aborted handshake is the evidence
            failure = h.requests(from).isEmpty() ? id.awaitFailure(seen, s.patience()) : null;
            during = h.requests(from);
        } finally {
            id.restore();
        }
        s.ctx().check(during.isEmpty(), () -> RuleViolation.must(CHAIN, name, "the device sent " + during.size()
                + " request(s) (" + during.stream().limit(3).map(r -> r.method() + " " + r.path())
                .collect(Collectors.joining(", ")) + ") over TLS with " + what));
        if (failure == null && during.isEmpty()) {
            throw s.ctx().skip("the device made no connection attempt within " + s.patience().toSeconds()
                    + " s while " + what + " was presented: nothing shows that it refuses it");
        }
        if (failure != null) {
            s.ctx().note("handshake aborted: " + failure);
        }
    }

    private static String noKey(String what) {
        return "the harness needs the SERCA's private key (target property sercaKey, or pki with ca/sep-serca.key)"
                + " to issue " + what;
    }

    private static String subjects(Credential c) {
        return c.chain().stream().map(x -> "'" + x.getSubjectX500Principal().getName() + "'")
                .collect(Collectors.joining(" <- "));
    }
}
