package org.openvtn.conformance.oadr20b.ven;

import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.http.HttpsProbe;
import org.openvtn.conformance.target.TargetTls;

/**
 * G1_4015 (pull) / G0_9015 (push): the VEN refuses a VTN whose certificate does not chain to its trust anchors (2.0b
 * profile §10, mutual authentication). Last row of its catalogue: a VEN that just refused its VTN may back off.
 */
final class VenSecurityCases {

    private VenSecurityCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(VenCase.of("G1_4015", "VEN refuses a VTN with an untrusted certificate",
                "profile §10: pull - the harness serves a self-signed certificate on its port; the VEN's next"
                        + " connection must fail the handshake and deliver nothing; push - a push made with a"
                        + " self-signed client certificate must be refused (handshake failure or HTTP 4xx)",
                VenSecurityCases::refusesBadVtn));
    }

    static Credential untrusted() {
        KeyPair k = new KeyPairs().ecP256();
        return CertificateAuthority.selfSignedLeaf("untrusted-vtn", CertificateProfiles.oadrServer("localhost",
                k.getPublic(), Instant.now()).build(), k);
    }

    static void refusesBadVtn(VenSteps s) throws Exception {
        s.ensureRegistered();
        if (s.push()) {
            pushWithBadCertificate(s);
            return;
        }
        CountDownLatch failed = new CountDownLatch(1);
        int before;
        int after;
        s.harness().serveIdentity(untrusted(), failed::countDown);
        try {
            before = s.harness().count();
            s.ctx().note("serving a self-signed VTN certificate on " + s.harness().url());
            CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> {
                try {
                    s.driver().poll();
                } catch (RuntimeException expected) {
                    s.ctx().note("the VEN's poll failed as it should: " + expected.getMessage());
                }
            });
            Duration d = s.wait(true);
            boolean attempted = failed.await(d.toMillis(), TimeUnit.MILLISECONDS);
            after = s.harness().count();
            if (!attempted && after == before) {
                poll.cancel(true);
                throw s.ctx().skip("the VEN did not contact the VTN within " + d + " while it served the untrusted"
                        + " certificate; nothing to judge");
            }
        } finally {
            s.harness().restoreIdentity();
        }
        s.check(after == before, "oadr.tls.vtnCertificate", "TLS", (after - before) + " payload(s) arrived over a"
                + " connection to a VTN with a self-signed certificate: the VEN does not authenticate its VTN");
    }

    static void pushWithBadCertificate(VenSteps s) {
        String address = s.vtn().transportAddress();
        if (address == null) {
            throw s.ctx().fail("oadr.push.transportAddress", "oadrTransportAddress", "nothing to push to");
        }
        TlsConfig bad = TlsConfig.builder().profile(TlsProfile.OPENADR_20B).credentials(untrusted())
                .trustAnchorFile(s.harness().vensCa()).hostnameVerification(
                        TargetTls.verifyHostname(s.ctx().target())).build();
        int before = s.harness().count();
        try (HttpsProbe probe = HttpsProbe.create(TlsFactory.of(bad).clientSslContext(), null,
                TargetTls.httpTimeout(s.ctx().target()))) {
            String payload;
            synchronized (s.harness().state) {
                payload = VtnMessages.distributeEvent(VtnAnswers.VTN_ID, s.vtn().venId(),
                        List.of(VtnMessages.Event.pending(VenEventCases.id("g9015"))));
            }
            Exchange ex = probe.send("push EiEvent (self-signed client certificate)", "POST",
                    URI.create(address.replaceAll("/+$", "") + "/OpenADR2/Simple/2.0b/EiEvent"), "application/xml",
                    payload);
            s.ctx().record(ex);
            boolean refused = ex.error() != null || (ex.status() >= 400 && ex.status() < 500);
            s.check(refused, "oadr.tls.vtnCertificate", "TLS", "the VEN's listener accepted a push from a"
                    + " self-signed certificate (HTTP " + ex.status() + ")");
            s.check(s.harness().count() == before, "oadr.tls.vtnCertificate", "TLS",
                    "the VEN acted on a push from a self-signed certificate");
        }
    }
}
