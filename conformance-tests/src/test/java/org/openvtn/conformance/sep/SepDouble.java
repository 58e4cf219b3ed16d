package org.openvtn.conformance.sep;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;
import org.openvtn.conformance.runner.RunResult;

/**
 * A deliberately defective IEEE 2030.5 server for the {@code sep-server} defect ITs: Jetty over real mutual TLS with
 * the 2030.5 profile (test PKI's server credential), on 127.0.0.1 port 0, behaving as the given handler says; plus
 * the run of the named suite cases against it as the test PKI's {@code device-0001}. Optionally a plain-HTTP
 * "admin API" that accepts every driver call (200 {@code {}}), for cases whose steps need a driver.
 */
final class SepDouble implements AutoCloseable {
    /** The 2030.5 namespace declaration for the double's pages. */
    static final String NS = "xmlns=\"urn:ieee:std:2030.5:ns\"";
    private static final TestPki PKI = TestPki.shared();

    private final Server server;
    private final ServerConnector connector;
    private final ServerConnector admin;

    private SepDouble(Server server, ServerConnector connector, ServerConnector admin) {
        this.server = server;
        this.connector = connector;
        this.admin = admin;
    }

    /** What the double answers: returns true when it handled the request (anything else is 404). */
    @FunctionalInterface
    interface Behaviour {
        boolean handle(Request request, Response response, Callback callback, String path) throws Exception;
    }

    /** @return a double where the behaviour answers first, then {@code pages} answer any request to their path */
    static SepDouble start(Map<String, String> pages, Behaviour behaviour, boolean withAdmin) throws Exception {
        return start(pages, behaviour, withAdmin ? (request, response, callback, path) -> false : null);
    }

    /**
     * As {@link #start(Map, Behaviour, boolean)} with the plain-HTTP admin API; {@code admin} sees each driver call
     * first (e.g. to read what the driver published), anything it does not handle is answered 200 {@code {}}.
     */
    static SepDouble start(Map<String, String> pages, Behaviour behaviour, Behaviour adminBehaviour) throws Exception {
        boolean withAdmin = adminBehaviour != null;
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        TlsFactory.of(PKI.sepServerConfig().build()).configureJetty(ssl);
        ServerConnector tls = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(http));
        tls.setHost("127.0.0.1");
        tls.setPort(0);
        tls.setName("sep");
        server.addConnector(tls);
        ServerConnector admin = null;
        if (withAdmin) {
            admin = new ServerConnector(server);
            admin.setHost("127.0.0.1");
            admin.setPort(0);
            admin.setName("admin");
            server.addConnector(admin);
        }
        ServerConnector adminConnector = admin;
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                if (adminConnector != null && request.getConnectionMetaData().getConnector() == adminConnector) {
                    if (adminBehaviour.handle(request, response, callback, path)) {
                        return true;
                    }
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                    response.write(true, java.nio.ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8)), callback);
                    return true;
                }
                if (behaviour.handle(request, response, callback, path)) {
                    return true;
                }
                String body = pages.get(path);
                if (body == null) {
                    status(response, callback, 404);
                    return true;
                }
                page(response, callback, body);
                return true;
            }
        });
        server.start();
        return new SepDouble(server, tls, admin);
    }

    /** Answers a 2030.5 document. */
    static void page(Response response, Callback callback, String body) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/sep+xml");
        response.write(true, java.nio.ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** Answers a status without a body. */
    static void status(Response response, Callback callback, int status) {
        response.setStatus(status);
        callback.succeeded();
    }

    /** Answers 201 with a Location. */
    static void created(Response response, Callback callback, String location) {
        response.setStatus(201);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        callback.succeeded();
    }

    /** @return the request body as text */
    static String body(Request request) throws java.io.IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The lFDI, sFDI and changedTime elements of the suite's device ({@code device-0001}) as an EndDevice body. */
    static String deviceFields() {
        var device = PKI.device().certificate();
        return "<lFDI>" + SepIdentity.lfdi(device) + "</lFDI><sFDI>" + SepIdentity.sfdi(device) + "</sFDI>"
                + "<changedTime>0</changedTime>";
    }

    /**
     * The pages every double starts from: DeviceCapability linking the EndDeviceList, which holds the suite's device
     * as {@code /edev/1} with {@link #deviceFields()} followed by {@code endDeviceLinks}; then {@code more}.
     *
     * @param endDeviceLinks the EndDevice's links after its identity (e.g. a FunctionSetAssignmentsListLink)
     * @param more           further pages by path
     * @return the pages, unmodifiable
     */
    static Map<String, String> devicePages(String endDeviceLinks, Map<String, String> more) {
        return devicePages(NS, endDeviceLinks, more);
    }

    /** As {@link #devicePages(String, Map)} with other namespace declarations (e.g. the csipaus prefix too). */
    static Map<String, String> devicePages(String ns, String endDeviceLinks, Map<String, String> more) {
        String edev = deviceFields() + endDeviceLinks;
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/dcap", "<DeviceCapability " + ns + " href=\"/dcap\"><EndDeviceListLink all=\"1\" href=\"/edev\"/>"
                + "</DeviceCapability>");
        pages.put("/edev", "<EndDeviceList " + ns + " href=\"/edev\" all=\"1\" results=\"1\"><EndDevice href=\"/edev/1\">"
                + edev + "</EndDevice></EndDeviceList>");
        pages.put("/edev/1", "<EndDevice " + ns + " href=\"/edev/1\">" + edev + "</EndDevice>");
        pages.putAll(more);
        return java.util.Collections.unmodifiableMap(pages);
    }

    /**
     * {@link #devicePages(String, Map)} whose EndDevice links one FunctionSetAssignments ({@code /edev/1/fsa/1}, mRID
     * {@code 0F...01}) holding {@code fsaContent} after its mRID (e.g. a program list link).
     */
    static Map<String, String> fsaPages(String fsaContent, Map<String, String> more) {
        Map<String, String> pages = new LinkedHashMap<>(more);
        pages.put("/edev/1/fsa", "<FunctionSetAssignmentsList " + NS + " href=\"/edev/1/fsa\" all=\"1\" results=\"1\">"
                + "<FunctionSetAssignments href=\"/edev/1/fsa/1\"><mRID>0F000000000000000000000000000001</mRID>"
                + fsaContent + "</FunctionSetAssignments></FunctionSetAssignmentsList>");
        return devicePages("<FunctionSetAssignmentsListLink all=\"1\" href=\"/edev/1/fsa\"/>", pages);
    }

    /** A behaviour that answers every PUT to one of {@code pages} with 204 and stores nothing (a lost write). */
    static Behaviour acceptsEveryPut(Map<String, String> pages) {
        return (request, response, callback, path) -> {
            if ("PUT".equals(request.getMethod()) && pages.containsKey(path)) {
                status(response, callback, 204);
                return true;
            }
            return false;
        };
    }

    /**
     * An admin behaviour that hands the body of every driver POST to a path ending with {@code pathSuffix} to
     * {@code sink} and lets the default answer ({@code 200 {}}) follow.
     */
    static Behaviour seesAdminPosts(String pathSuffix, java.util.function.Consumer<String> sink) {
        return (request, response, callback, path) -> {
            if ("POST".equals(request.getMethod()) && path.endsWith(pathSuffix)) {
                sink.accept(body(request));
            }
            return false;
        };
    }

    /** @return the first {@code "name": "value"} string of a JSON body, or null */
    static String jsonString(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + java.util.regex.Pattern.quote(name)
                + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /**
     * The event fields of a 2030.5 event (creationTime 0, EventStatus Scheduled at 0, interval) in schema order.
     *
     * @param durationSeconds the interval's duration
     * @param start           the interval's start (epoch seconds)
     */
    static String eventFields(long durationSeconds, long start) {
        return "<creationTime>0</creationTime><EventStatus><currentStatus>0</currentStatus><dateTime>0</dateTime>"
                + "<potentiallySuperseded>false</potentiallySuperseded></EventStatus><interval><duration>"
                + durationSeconds + "</duration><start>" + start + "</start></interval>";
    }

    /**
     * Runs the named cases of the {@code sep-server} suite against the double as {@code device-0001}.
     *
     * @return each case's result by id, in run order
     */
    Map<String, CaseResult> run(Set<String> capabilities, String... ids) {
        var f = PKI.files("device-0001");
        TargetConfig target = new TargetConfig("https://127.0.0.1:" + connector.getLocalPort(), f.chain(), f.key(),
                PKI.pki().sercaFile(), null, capabilities, admin == null ? null
                : "http://127.0.0.1:" + admin.getLocalPort(), admin == null ? null : "double-admin-token-0123456789",
                Duration.ofSeconds(2), Map.of());
        RunConfig.Builder config = RunConfig.builder().caseTimeout(Duration.ofSeconds(30));
        for (String id : ids) {
            config.include(id);
        }
        RunResult result = new ConformanceRunner(config.build()).run(new SepServerSuite(), target);
        Map<String, CaseResult> out = new LinkedHashMap<>();
        result.results().forEach(r -> out.put(r.id(), r));
        return out;
    }

    /** @return the double's 2030.5 (TLS) port */
    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * The discovery pages of the suite's device down to its FunctionSetAssignmentsList: {@code /dcap}, {@code /edev},
     * {@code /edev/1}, and {@code /edev/1/fsa} with one FunctionSetAssignments ({@code /edev/1/fsa/1}) carrying
     * {@code fsaLinks} after its mRID. The map is mutable: a test adds its own pages.
     */
    static Map<String, String> devicePages(String fsaLinks) {
        return new java.util.HashMap<>(fsaPages(fsaLinks, Map.of()));
    }

    /**
     * An admin behaviour that records the {@code start} (epoch seconds) of each core event the driver POSTs to
     * {@code /events}, so the double can publish at the time the case asked for; it answers nothing itself.
     */
    static Behaviour eventStarts(java.util.concurrent.atomic.AtomicLong into) {
        java.util.regex.Pattern start = java.util.regex.Pattern.compile("\"start\"\\s*:\\s*\"([^\"]+)\"");
        return (request, response, callback, path) -> {
            if ("POST".equals(request.getMethod()) && path.endsWith("/events")) {
                java.util.regex.Matcher m = start.matcher(body(request));
                if (m.find()) {
                    into.set(java.time.Instant.parse(m.group(1)).getEpochSecond());
                }
            }
            return false;
        };
    }
}
