package org.openvtn.certs.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * Key pair generation for the two key types both standards use: RSA 2048 (OpenADR 2.0b) and
 * ECC P-256 / secp256r1 (OpenADR 2.0b, and the only type IEEE 2030.5 §6.11 allows).
 * One instance keeps one initialised generator per type, so issuing thousands of identities
 * pays the set-up cost once. Not thread-safe; use one instance per thread.
 */
public final class KeyPairs {

    /** The key types the PKI issues. */
    public enum Type {
        /** RSA with a 2048-bit modulus. */
        RSA_2048,
        /** ECDSA on NIST P-256 (secp256r1). */
        EC_P256
    }

    private final SecureRandom random;
    private KeyPairGenerator rsa;
    private KeyPairGenerator ec;

    public KeyPairs(SecureRandom random) {
        this.random = random;
    }

    public KeyPairs() {
        this(new SecureRandom());
    }

    /** A fresh key pair of the given type. */
    public KeyPair generate(Type type) {
        return type == Type.RSA_2048 ? rsa2048() : ecP256();
    }

    /** A fresh RSA 2048 key pair (public exponent 65537). */
    public KeyPair rsa2048() {
        try {
            if (rsa == null) {
                rsa = KeyPairGenerator.getInstance("RSA");
                rsa.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random);
            }
            return rsa.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot generate an RSA 2048 key pair", e);
        }
    }

    /** A fresh ECC key pair on secp256r1. */
    public KeyPair ecP256() {
        try {
            if (ec == null) {
                ec = KeyPairGenerator.getInstance("EC");
                ec.initialize(new ECGenParameterSpec("secp256r1"), random);
            }
            return ec.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot generate an ECC P-256 key pair", e);
        }
    }
}
