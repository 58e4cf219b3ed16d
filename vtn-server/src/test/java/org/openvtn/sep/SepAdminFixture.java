package org.openvtn.sep;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.openvtn.admin.AdminConfig;
import org.openvtn.admin.AdminServer;

/**
 * A 2030.5 listener ({@link SepFixture}) with the admin API over the same services, on port 0, and a bearer-token
 * JSON caller: the setup the 2030.5 admin ITs share.
 */
final class SepAdminFixture implements AutoCloseable {
    private static final String TOKEN = "sep-admin-fixture-token-0123456789";

    final SepFixture fx;
    final AdminServer admin;
    private final HttpClient http = HttpClient.newHttpClient();

    SepAdminFixture(SepFixture fx) {
        this.fx = fx;
        this.admin = AdminServer.start(AdminConfig.builder().host("127.0.0.1").port(0).token(TOKEN).build(), fx.core,
                fx.server.services());
    }

    /** One admin API request ({@code body} JSON or null). */
    HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(admin.baseUri() + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        admin.close();
        fx.close();
    }
}
