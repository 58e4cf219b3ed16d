package org.openvtn.certs.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * The TLS settings each standard mandates.
 *
 * <ul>
 *   <li>{@link #OPENADR_20B}: OpenADR 2.0b profile specification §10 (security) and conformance
 *       rule 67: TLS 1.2 or later, mutual authentication, and the two mandated suites
 *       {@code TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256} and {@code TLS_RSA_WITH_AES_128_CBC_SHA256}
 *       always enabled. Unless strict, TLS 1.3 and stronger TLS 1.2 suites are enabled beside them.</li>
 *   <li>{@link #IEEE_2030_5}: IEEE 2030.5-2018 §6.11 / CSIP COMM-003: TLS 1.2 with
 *       {@code TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8} on secp256r1, mutual authentication. The JDK
 *       lacks CCM_8, so this profile runs on the Bouncy Castle JSSE provider. Always strict.</li>
 * </ul>
 */
public enum TlsProfile {

    OPENADR_20B(
            List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            List.of("TLSv1.3", "TLSv1.2"),
            List.of()),

    IEEE_2030_5(
            List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"),
            List.of(),
            List.of("TLSv1.2"),
            List.of("secp256r1"));

    private final List<String> mandatedSuites;
    private final List<String> strongerSuites;
    private final List<String> relaxedProtocols;
    private final List<String> namedGroups;

    TlsProfile(List<String> mandatedSuites, List<String> strongerSuites, List<String> relaxedProtocols,
               List<String> namedGroups) {
        this.mandatedSuites = mandatedSuites;
        this.strongerSuites = strongerSuites;
        this.relaxedProtocols = relaxedProtocols;
        this.namedGroups = namedGroups;
    }

    /** The suites the standard requires every implementation to support. */
    public List<String> mandatedCipherSuites() {
        return mandatedSuites;
    }

    /**
     * The enabled suites: in strict mode only the mandated ones, otherwise the stronger ones
     * first (server preference) and the mandated ones after them.
     */
    public List<String> cipherSuites(boolean strict) {
        if (strict || strongerSuites.isEmpty()) {
            return mandatedSuites;
        }
        List<String> all = new ArrayList<>(strongerSuites);
        all.addAll(mandatedSuites);
        return List.copyOf(all);
    }

    /** The enabled protocol versions: strict means TLS 1.2 only. */
    public List<String> protocols(boolean strict) {
        return strict ? List.of("TLSv1.2") : relaxedProtocols;
    }

    /** The key exchange groups to restrict to, empty when the provider's defaults apply. */
    public List<String> namedGroups() {
        return namedGroups;
    }

    /** True when the profile can only run on the Bouncy Castle JSSE provider. */
    public boolean requiresBouncyCastle() {
        return this == IEEE_2030_5;
    }
}
