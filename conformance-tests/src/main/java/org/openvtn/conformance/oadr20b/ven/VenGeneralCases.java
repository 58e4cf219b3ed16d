package org.openvtn.conformance.oadr20b.ven;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.TlsInfo;

/** G1_ rows: poll behaviour (rule 500), TLS as the 2.0b profile mandates, every payload valid (rule 509). */
final class VenGeneralCases {

    private VenGeneralCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                VenCase.of("G1_4020", "VEN polls until the queue is empty",
                        "rule 500: after a poll answer other than oadrResponse the VEN polls again without waiting"
                                + " its poll interval, until it gets oadrResponse", VenGeneralCases::drains),
                VenCase.of("G1_4010", "VEN speaks the 2.0b TLS profile with its client certificate",
                        "profile §10 / rule 67: TLS 1.2 with a mandated cipher suite (the harness offers nothing else unless"
                                + " strictTls is false), client certificate on every exchange",
                        VenGeneralCases::tls),
                VenCase.of("G1_4011", "Every payload of the run is schema-valid and carries schemaVersion 2.0b",
                        "rule 509 and the published schemas: every payload the VEN sent in this run (any invalid"
                                + " one is also a FAIL of the case it arrived in, with line and column)",
                        VenGeneralCases::allValid));
    }

    static void drains(VenSteps s) throws Exception {
        s.ensureRegistered();
        int n = 3;
        int from = s.harness().count();
        String empty;
        synchronized (s.harness().state) {
            empty = s.vtn().distribute(s.vtn().events());
        }
        for (int i = 0; i < n; i++) {
            s.harness().enqueue(empty);
        }
        s.poll();
        Duration freq = s.vtn().pollFreq();
        VtnHarness.Msg last = null;
        int answered = 0;
        int at = from;
        while (answered <= n) {
            VtnHarness.Msg p = s.expect(at, "oadrPoll", answered == 0, "oadr.poll.500", answered == 0
                    ? "collecting the queue" : "after a non-empty poll answer (" + answered + " of " + n + " taken)");
            if (last != null) {
                Duration gap = Duration.between(last.exchange().received(), p.exchange().sent());
                s.check(gap.compareTo(freq) < 0, "oadr.poll.500", "oadrPoll", "the VEN waited " + gap
                        + " (its poll interval is " + freq + ") before collecting the rest of its queue");
            }
            var answer = Dom.message(p.exchange().responseBody().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            boolean nonEmpty = answer == null || !"oadrResponse".equals(answer.getLocalName());
            at = p.seq() + 1;
            if (!nonEmpty && answered == 0) {
                // a poll that reached the harness before the queue was filled (its answer was empty): not the
                // collection this case watches; wait for the poll that takes the first queued payload
                continue;
            }
            last = p;
            if (!nonEmpty) {
                break;
            }
            answered++;
        }
        s.check(s.harness().queued() == 0, "oadr.poll.500", "oadrPoll", s.harness().queued()
                + " queued payload(s) not collected");
        s.ctx().note(answered + " queued payload(s) collected before the empty answer");
    }

    static void tls(VenSteps s) throws Exception {
        s.ensureRegistered();
        boolean strict = s.harness().strictTls();
        Set<String> suites = Set.copyOf(TlsProfile.OPENADR_20B.cipherSuites(strict));
        Set<String> protocols = Set.copyOf(TlsProfile.OPENADR_20B.protocols(strict));
        s.ctx().note(strict ? "the harness offers TLS 1.2 and the mandated suites only (strictTls)"
                : "strictTls false: the harness also offers TLS 1.3 and stronger suites");
        List<VtnHarness.Msg> all = s.harness().received();
        for (VtnHarness.Msg m : all) {
            TlsInfo t = m.exchange().tls();
            s.check(t != null && t.peerCertificatePem() != null, "oadr.tls.clientCertificate", m.name(),
                    "exchange " + m.seq() + " without a client certificate");
            if (t != null) {
                s.check(protocols.contains(t.protocol()), "oadr.tls.67", m.name(), "protocol " + t.protocol());
                s.check(suites.contains(t.cipherSuite()), "oadr.tls.67", m.name(), "cipher suite " + t.cipherSuite()
                        + " is not one the 2.0b profile mandates");
            }
        }
        s.ctx().note(all.size() + " exchange(s) checked; first: " + (all.isEmpty() ? "-"
                : all.get(0).exchange().tls()));
    }

    static void allValid(VenSteps s) throws Exception {
        s.ensureRegistered();
        List<VtnHarness.Msg> all = s.harness().received();
        var rules = new org.openvtn.conformance.oadr20b.OadrRules(s.harness().codec(), Duration.ofSeconds(30));
        for (VtnHarness.Msg m : all) {
            var v = rules.checkSent(m.exchange().requestBody().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            s.ctx().violations(v.stream().map(x -> org.openvtn.conformance.RuleViolation.must(x.rule(),
                    "payload " + m.seq() + " (" + m.name() + ") " + x.element(), x.message())).toList());
        }
        s.ctx().note(all.size() + " payload(s) validated since " + (all.isEmpty() ? Instant.now()
                : all.get(0).exchange().sent()));
    }
}
