package org.openvtn.certs.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * PEM and PKCS#12 files: certificates ({@code CERTIFICATE}), CRLs ({@code X509 CRL}) and
 * unencrypted PKCS#8 private keys ({@code PRIVATE KEY}), the forms curl, openssl and other
 * languages' TLS stacks read.
 */
public final class PemFiles {

    private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private PemFiles() {
    }

    /** PEM text of one DER object. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + MIME.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** Writes certificates, in order, to one PEM file. */
    public static void writeCertificates(Path file, List<X509Certificate> certificates) {
        StringBuilder sb = new StringBuilder();
        try {
            for (X509Certificate c : certificates) {
                sb.append(pem("CERTIFICATE", c.getEncoded()));
            }
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot encode a certificate for " + file, e);
        }
        write(file, sb.toString());
    }

    /** Writes a private key as unencrypted PKCS#8 PEM (PEM type "PRIVATE KEY"). */
    public static void writePrivateKey(Path file, PrivateKey key) {
        SecretFiles.write(file, pem("PRIVATE KEY", key.getEncoded()).getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes a CRL as PEM. */
    public static void writeCrl(Path file, X509CRL crl) {
        try {
            write(file, pem("X509 CRL", crl.getEncoded()));
        } catch (CRLException e) {
            throw new PkiException("cannot encode CRL for " + file, e);
        }
    }

    /** Reads every certificate from a PEM or DER file. */
    public static List<X509Certificate> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : all) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new PkiException("no certificate in " + file);
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("cannot read certificates from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the first certificate of a PEM or DER file. */
    public static X509Certificate readCertificate(Path file) {
        return readCertificates(file).get(0);
    }

    /** Reads every CRL from a PEM or DER file. */
    public static List<X509CRL> readCrls(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509CRL> out = new ArrayList<>();
            for (var crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                out.add((X509CRL) crl);
            }
            if (out.isEmpty()) {
                throw new PkiException("no CRL in " + file);
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("cannot read CRLs from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads an unencrypted PKCS#8 private key (PEM type "PRIVATE KEY"), RSA or EC. */
    public static PrivateKey readPrivateKey(Path file) {
        SecretFiles.warnIfLoose(file, "private key");
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            int begin = text.indexOf("-----BEGIN " + "PRIVATE KEY-----");
            int end = text.indexOf("-----END PRIVATE KEY-----");
            if (begin < 0 || end < begin) {
                throw new PkiException(file + " holds no unencrypted PKCS#8 key (PEM type PRIVATE KEY)");
            }
            byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
            String algorithm = info.getPrivateKeyAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
                    ? "EC" : "RSA";
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new PkiException("cannot read private key from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads a PKCS#12 key store. */
    public static KeyStore readPkcs12(Path file, char[] password) {
        SecretFiles.warnIfLoose(file, "PKCS#12 key store");
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("cannot read PKCS#12 key store " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new PkiException("cannot write " + file, e);
        }
    }
}
