package org.openvtn.conformance;

/**
 * What a TLS connection negotiated, as evidence.
 *
 * @param protocol     e.g. {@code TLSv1.2}
 * @param cipherSuite  e.g. {@code TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8}
 * @param peerSubject  subject DN of the peer's leaf certificate (null if none)
 * @param peerCertificatePem the peer's leaf certificate, PEM (null if none)
 */
public record TlsInfo(String protocol, String cipherSuite, String peerSubject, String peerCertificatePem) {
}
