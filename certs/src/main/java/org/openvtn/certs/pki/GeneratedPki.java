package org.openvtn.certs.pki;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PKI written by {@link PkiGenerator}: where each file is, and the in-memory authorities
 * and credentials so tests can issue more. See {@code docs/pki.md} for the layout.
 */
public final class GeneratedPki {

    /** Files of one identity. */
    public record Files(Path certificate, Path chain, Path key, Path pkcs12) {
    }

    private final Path dir;
    private final char[] password;
    final Map<String, CertificateAuthority> authorities = new LinkedHashMap<>();
    final Map<String, Credential> credentials = new LinkedHashMap<>();
    final Map<String, Files> files = new LinkedHashMap<>();

    GeneratedPki(Path dir, char[] password) {
        this.dir = dir;
        this.password = password.clone();
    }

    /** The directory holding everything. */
    public Path dir() {
        return dir;
    }

    /** The password of every PKCS#12 file. */
    public char[] password() {
        return password.clone();
    }

    /** {@code ca.crt}: the OpenADR 2.0b trust anchor (root CA). */
    public Path caFile() {
        return dir.resolve(PkiGenerator.CA_FILE);
    }

    /** {@code serca.crt}: the IEEE 2030.5 trust anchor (SERCA). */
    public Path sercaFile() {
        return dir.resolve(PkiGenerator.SERCA_FILE);
    }

    /** {@code ca-bundle.crt}: both trust anchors, for tools that serve both standards. */
    public Path caBundleFile() {
        return dir.resolve(PkiGenerator.CA_BUNDLE_FILE);
    }

    /** The CRL file of the OpenADR intermediate CA (initially empty). */
    public Path oadrCrlFile() {
        return dir.resolve(PkiGenerator.OADR_CRL_FILE);
    }

    /** The CRL file of the IEEE 2030.5 MICA (initially empty). */
    public Path sepCrlFile() {
        return dir.resolve(PkiGenerator.SEP_CRL_FILE);
    }

    /** {@code vtn/vtn.p12}: the OpenADR VTN's RSA and ECC credentials in one key store. */
    public Path vtnDualKeyStore() {
        return dir.resolve(PkiGenerator.VTN_DUAL_P12);
    }

    /** An authority by name: {@code oadr-root}, {@code oadr-intermediate}, {@code sep-serca}, {@code sep-mica}. */
    public CertificateAuthority authority(String name) {
        CertificateAuthority ca = authorities.get(name);
        if (ca == null) {
            throw new IllegalArgumentException("no authority '" + name + "', have " + authorities.keySet());
        }
        return ca;
    }

    /** A credential by name, e.g. {@code vtn-rsa}, {@code ven-ecc-0001}, {@code device-0001}. */
    public Credential credential(String name) {
        Credential c = credentials.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no credential '" + name + "', have " + credentials.keySet());
        }
        return c;
    }

    /** The files of a credential by name. */
    public Files files(String name) {
        Files f = files.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no files for '" + name + "', have " + files.keySet());
        }
        return f;
    }

    /** Names of all credentials, in generation order. */
    public List<String> names() {
        return List.copyOf(credentials.keySet());
    }

    /** All credentials by name, in generation order. */
    public Map<String, Credential> credentials() {
        return Collections.unmodifiableMap(credentials);
    }
}
