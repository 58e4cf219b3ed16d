package org.openvtn.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * Issue #12 item 2: a CRL whose nextUpdate has passed is visible to the operator as
 * {@code crlStale} in {@code GET /api/v1/metrics} (besides the WARN log line).
 */
class CrlStaleMetricIT {

    @Test
    void staleCrlCountedInTheAdminMetrics(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.shared();
        CertificateAuthority ca = pki.pki().authority("oadr-intermediate");
        Path stale = dir.resolve("stale.crl");
        Instant now = Instant.now();
        PemFiles.writeCrl(stale, ca.crl(List.of(pki.revoked().certificate()), now.minus(Duration.ofDays(8)),
                now.minus(Duration.ofDays(1))));
        String token = "crl-stale-metric-token-0123456789";
        try (VtnServer server = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0)
                .inMemory("crlstale" + UUID.randomUUID().toString().replace("-", ""))
                .tls(pki.oadrServerConfig().crlFile(stale).build())
                .admin(AdminConfig.builder().port(0).token(token).build()).build())) {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort().orElseThrow()
                    + "/api/v1/metrics")).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                    .GET().build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(1, new ObjectMapper().readTree(r.body()).path("crlStale").asInt(), r.body());
        }
    }
}
