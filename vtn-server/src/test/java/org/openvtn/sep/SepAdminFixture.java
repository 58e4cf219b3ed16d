package org.openvtn.sep;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openvtn.admin.AdminConfig;
import org.openvtn.admin.AdminServer;

/**
 * A 2030.5 listener ({@link SepFixture}) with the admin API over the same services, on port 0, and a bearer-token
 * JSON caller: the setup the 2030.5 admin ITs share.
 */
final class SepAdminFixture implements AutoCloseable {
    private static final String TOKEN = "sep-admin-fixture-token-0123456789";
    /** JSON reader for admin API answers. */
    static final ObjectMapper JSON = new ObjectMapper();

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

    /** @return the {@code field} an admin API refusal names, after checking it is a 400 */
    static String refusedField(HttpResponse<String> r) throws java.io.IOException {
        Assertions.assertEquals(400, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("field").asText();
    }

    /**
     * One in-memory fixture for a whole test class:
     * {@code @RegisterExtension static final SepAdminFixture.PerClass ADMIN = new SepAdminFixture.PerClass();}.
     */
    static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private SepAdminFixture fixture;

        @Override
        public void beforeAll(ExtensionContext context) {
            fixture = new SepAdminFixture(new SepFixture());
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (fixture != null) {
                fixture.close();
            }
        }

        /** @return the class's fixture */
        SepAdminFixture get() {
            return fixture;
        }
    }

    /**
     * A fresh fixture for every test of a class:
     * {@code @RegisterExtension final SepAdminFixture.PerTest admin = new SepAdminFixture.PerTest(SepFixture::new);}.
     */
    static final class PerTest implements BeforeEachCallback, AfterEachCallback {
        private final java.util.function.Supplier<SepFixture> listener;
        private SepAdminFixture fixture;

        /** @param listener starts the 2030.5 listener of each test */
        PerTest(java.util.function.Supplier<SepFixture> listener) {
            this.listener = listener;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            fixture = new SepAdminFixture(listener.get());
        }

        @Override
        public void afterEach(ExtensionContext context) {
            if (fixture != null) {
                fixture.close();
                fixture = null;
            }
        }

        /** @return this test's 2030.5 listener */
        SepFixture fx() {
            return fixture.fx;
        }

        /** One admin API request of this test ({@code body} JSON or null). */
        HttpResponse<String> call(String method, String path, String body) throws Exception {
            return fixture.call(method, path, body);
        }
    }

    @Override
    public void close() {
        admin.close();
        fx.close();
    }
}
