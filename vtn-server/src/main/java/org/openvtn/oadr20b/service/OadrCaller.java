package org.openvtn.oadr20b.service;

import java.util.Objects;

/**
 * Who is calling: the identity the transport derived from the TLS client certificate (OpenADR 2.0b
 * profile 10: the VEN is identified by its certificate fingerprint, not by a venID in the payload).
 *
 * @param fingerprint OpenADR fingerprint of the client certificate ({@code AA:BB:...}, last 20 bytes
 *                    of the SHA-256 digest)
 * @param subject     subject DN, for log lines only
 */
public record OadrCaller(String fingerprint, String subject) {
    public OadrCaller {
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
