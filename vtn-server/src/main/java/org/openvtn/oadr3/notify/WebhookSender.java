package org.openvtn.oadr3.notify;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.openvtn.oadr3.service.Oadr3CallbackVerifier;
import org.openvtn.oadr3.service.Oadr3Exception;

/**
 * The webhook side of the 3.1 notifiers (3.1 Definition, "Webhooks"): checks callback URLs with the echo challenge
 * and POSTs notifications. HTTPS only (http to a loopback host only when configured, for {@code openvtn dev}); the
 * callback's certificate must chain to the configured trust anchors and name the host; redirects are not followed
 * (Definition guideline "Redirects to private IPs"); every request has the configured timeout. Requests are
 * asynchronous: a slow or dead subscriber holds no thread.
 */
public final class WebhookSender implements Oadr3CallbackVerifier {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Oadr3NotifierConfig config;
    private final HttpClient http;

    public WebhookSender(Oadr3NotifierConfig config, Executor executor) {
        this.config = config;
        SSLParameters params = new SSLParameters();
        params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        this.http = HttpClient.newBuilder().sslContext(sslContext(config.trustAnchors())).sslParameters(params)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(config.timeout())
                .version(HttpClient.Version.HTTP_1_1).executor(executor).build();
    }

    /** An SSL context trusting exactly {@code anchors}, or the JDK's default trust store when empty. */
    static SSLContext sslContext(List<X509Certificate> anchors) {
        return sslContext(anchors, null, null);
    }

    /** {@link #sslContext(List)} presenting {@code keyStore}'s key (the MQTT notifier's mutual TLS), when given. */
    static SSLContext sslContext(List<X509Certificate> anchors, KeyStore keyStore, char[] keyPassword) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (anchors.isEmpty()) {
                tmf.init((KeyStore) null);
            } else {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                for (int i = 0; i < anchors.size(); i++) {
                    ks.setCertificateEntry("anchor-" + i, anchors.get(i));
                }
                tmf.init(ks);
            }
            javax.net.ssl.KeyManager[] keys = null;
            if (keyStore != null) {
                javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                        javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, keyPassword);
                keys = kmf.getKeyManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the webhook trust store: " + e.getMessage(), e);
        }
    }

    /**
     * The echo challenge: {@code GET <callbackUrl>?echo=<random>}; the callback must answer 200 with the value in
     * its body (Definition: "include the query string parameter value in the body of the response"). Blocking, at
     * most the configured timeout.
     */
    @Override
    public void verify(String callbackUrl, String bearerToken) {
        URI uri = checkUrl(callbackUrl);
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        String echo = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        String sep = uri.getRawQuery() == null ? "?" : "&";
        String target = callbackUrl.contains("#") ? callbackUrl.substring(0, callbackUrl.indexOf('#')) : callbackUrl;
        URI challenge = URI.create(target + sep + "echo=" + URLEncoder.encode(echo, StandardCharsets.UTF_8));
        HttpRequest.Builder req = HttpRequest.newBuilder(challenge).timeout(config.timeout()).GET();
        if (bearerToken != null) {
            req.header("Authorization", "Bearer " + bearerToken);
        }
        HttpResponse<String> answer;
        try {
            answer = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw fail(callbackUrl, "no answer (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(callbackUrl, "interrupted");
        }
        if (answer.statusCode() != 200) {
            throw fail(callbackUrl, "answered " + answer.statusCode() + " instead of 200");
        }
        String body = answer.body() == null ? "" : answer.body();
        if (!body.contains(echo)) {
            throw fail(callbackUrl, "the answer's body does not carry the echo value");
        }
    }

    /** POSTs one notification; completes normally on a 2xx answer, exceptionally otherwise. */
    public CompletableFuture<Void> post(String callbackUrl, String bearerToken, String json) {
        HttpRequest.Builder req;
        try {
            req = HttpRequest.newBuilder(checkUrl(callbackUrl)).timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } catch (Oadr3Exception e) {
            return CompletableFuture.failedFuture(new IOException(e.getMessage()));
        }
        if (bearerToken != null) {
            req.header("Authorization", "Bearer " + bearerToken);
        }
        return http.sendAsync(req.build(), HttpResponse.BodyHandlers.discarding()).thenApply(r -> {
            if (r.statusCode() / 100 != 2) {
                throw new DeliveryException("answered " + r.statusCode());
            }
            return null;
        });
    }

    /** HTTPS (Definition: "The VTN MUST validate that an HTTPS schema is used"), or http to loopback in dev. */
    URI checkUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw Oadr3Exception.badRequest("callbackUrl: not a URI: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (uri.getHost() == null) {
            throw Oadr3Exception.badRequest("callbackUrl: no host in " + url);
        }
        if (scheme.equals("https")) {
            return publicHost(uri, url);
        }
        if (scheme.equals("http") && config.allowHttpLoopback() && loopback(uri.getHost())) {
            return uri;
        }
        throw Oadr3Exception.badRequest("callbackUrl: must be https (3.1 Definition, Webhooks): " + url);
    }

    /**
     * Definition "Additional guidelines", "Check for private IPs and reserved IPs": unless the operator allows them
     * ({@code oadr3.webhooks.allowPrivateAddresses}), callbacks resolving to a private or reserved address are
     * refused, checked on subscription and again before every delivery (a name that later resolves elsewhere).
     */
    private URI publicHost(URI uri, String url) {
        if (config.allowPrivateCallbacks()) {
            return uri;
        }
        InetAddress bad;
        try {
            bad = CallbackAddresses.firstNonPublic(uri.getHost());
        } catch (UnknownHostException e) {
            throw Oadr3Exception.badRequest("callbackUrl: host " + uri.getHost() + " does not resolve: " + url);
        }
        if (bad != null) {
            throw Oadr3Exception.badRequest("callbackUrl: " + uri.getHost() + " resolves to " + bad.getHostAddress()
                    + ", a private or reserved address (3.1 Definition, Webhooks: check for private IPs); the VTN's"
                    + " operator can allow such callbacks with oadr3.webhooks.allowPrivateAddresses: " + url);
        }
        return uri;
    }

    private static boolean loopback(String host) {
        try {
            String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            for (InetAddress a : InetAddress.getAllByName(h)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Oadr3Exception fail(String url, String why) {
        return Oadr3Exception.badRequest("callbackUrl " + url + " failed the echo challenge (3.1 Definition, Webhooks): "
                + why);
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** A non-2xx answer to a notification. */
    static final class DeliveryException extends RuntimeException {
        DeliveryException(String message) {
            super(message, null, false, false);
        }
    }
}
