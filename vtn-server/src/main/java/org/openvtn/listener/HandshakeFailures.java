package org.openvtn.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.CertPathValidatorException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;

/**
 * Counts the failed TLS handshakes of one mutual-TLS listener into {@code openvtn.tls.handshake.failures} tagged
 * {@code listener} and {@code reason} (issue #19). Added to the connector as a bean, beside the SessionGuard, so it
 * sees what Jetty's SslConnection reports: the JSSE failure of a full handshake (empty client certificate chain,
 * trust manager rejection, protocol mismatch) and the SessionGuard's refusal of a resumed session. The reason is one
 * of a fixed set ({@link Reason}), never a peer or a message.
 */
public final class HandshakeFailures implements SslHandshakeListener {
    /** Meter name. */
    public static final String METER = "openvtn.tls.handshake.failures";

    /** Bounded reason tag. */
    public enum Reason {
        NO_CLIENT_CERT, UNTRUSTED, REVOKED, PROTOCOL, OTHER;

        /** @return the tag value, e.g. {@code no_client_cert} */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Reason, Counter> counters;

    /**
     * @param registry where the counters live
     * @param listener the {@code listener} tag ({@code openadr}, {@code ieee2030.5})
     */
    public HandshakeFailures(MeterRegistry registry, String listener) {
        this.counters = Stream.of(Reason.values()).collect(Collectors.toMap(Function.identity(),
                r -> Counter.builder(METER)
                        .description("Failed TLS handshakes of a listener, by reason")
                        .tag("listener", listener).tag("reason", r.tag())
                        .register(registry)));
    }

    @Override
    public void handshakeFailed(Event event, Throwable failure) {
        counters.get(classify(failure)).increment();
    }

    /**
     * Maps a handshake failure to a reason by the exception chain. SunJSSE and Bouncy Castle JSSE word the absent
     * client certificate differently ("Empty client certificate chain", certificate_required alert); the trust
     * manager's own rejections ({@code CheckingTrustManager}) are CertificateExceptions, revocation names itself.
     */
    public static Reason classify(Throwable failure) {
        boolean certificate = false;
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 4096; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
                return Reason.REVOKED;
            }
            if (t instanceof java.security.cert.CertificateException
                    || t instanceof java.security.GeneralSecurityException && !(t instanceof javax.net.ssl.SSLException)) {
                certificate = true;
            }
            text.append(' ').append(String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT));
        }
        String s = text.toString();
        if (s.contains("revoked")) {
            return Reason.REVOKED;
        }
        if (s.contains("empty client certificate") || s.contains("no certificate presented")
                || s.contains("certificate_required") || s.contains("certificate required")
                || s.contains("no client certificate") || s.contains("peer not authenticated")) {
            return Reason.NO_CLIENT_CERT;
        }
        if (certificate || s.contains("pkix") || s.contains("certification path") || s.contains("unknown_ca")
                || s.contains("bad_certificate") || s.contains("certificate_unknown") || s.contains("untrusted")
                || s.contains("no longer acceptable") || s.contains("expired")) {
            return Reason.UNTRUSTED;
        }
        if (s.contains("protocol") || s.contains("cipher") || s.contains("unrecognized ssl message")
                || s.contains("plaintext") || s.contains("handshake_failure") || s.contains("unexpected_message")
                || s.contains("insufficient_security") || s.contains("decode_error")) {
            return Reason.PROTOCOL;
        }
        return Reason.OTHER;
    }
}
