package org.openvtn.certs.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;

/**
 * AES-CCM (NIST SP 800-38C; RFC 3610 formatting; RFC 6655 and RFC 7251 for TLS, where {@code
 * TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8} is the IEEE 2030.5-2018 §6.11 suite) for Bouncy Castle's TLS record layer,
 * built on the JDK's AES in CBC mode (the CBC-MAC) and CTR mode (the encryption). The JDK compiles both to the CPU's
 * AES instructions; Bouncy Castle's own CCM runs AES in Java, which was a quarter of the 2030.5 listener's CPU under
 * a GET load (issue #18, BENCHMARKS.md §9).
 *
 * <p>One instance per direction of one connection, used by one thread at a time (as Bouncy Castle uses it).
 * {@code AesCcmCipherTest} checks it against Bouncy Castle's {@code CCMBlockCipher} (every length class, both
 * directions, tampered records rejected) and against the RFC 3610 packet vectors.
 */
final class AesCcmCipher implements TlsAEADCipherImpl {
    private static final int BLOCK = 16;
    private static final byte[] ZERO_IV = new byte[BLOCK];

    private final boolean encrypting;
    private final Cipher cbc;
    private final Cipher ctr;
    private SecretKeySpec key;
    private byte[] nonce;
    private int macSize;
    /** Scratch: the formatted MAC input (B0, encoded additional data, padded payload) and the CBC output. */
    private byte[] macInput = new byte[0];
    private byte[] macOutput = new byte[0];
    private byte[] stream = new byte[0];

    AesCcmCipher(boolean encrypting) throws GeneralSecurityException {
        this.encrypting = encrypting;
        this.cbc = Cipher.getInstance("AES/CBC/NoPadding");
        this.ctr = Cipher.getInstance("AES/CTR/NoPadding");
    }

    @Override
    public void setKey(byte[] key, int keyOff, int keyLen) {
        this.key = new SecretKeySpec(key, keyOff, keyLen, "AES");
    }

    @Override
    public void init(byte[] nonce, int macSize) throws IOException {
        // SP 800-38C A.1: nonce 7..13 bytes, tag 4..16 even; TLS uses 12 and 8 or 16
        if (nonce.length < 7 || nonce.length > 13 || macSize < 4 || macSize > 16 || (macSize & 1) != 0) {
            throw new TlsFatalAlert(AlertDescription.internal_error);
        }
        this.nonce = nonce.clone();
        this.macSize = macSize;
    }

    @Override
    public int getOutputSize(int inputLength) {
        return encrypting ? inputLength + macSize : inputLength - macSize;
    }

    @Override
    public int doFinal(byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output,
                       int outputOffset) throws IOException {
        try {
            if (encrypting) {
                byte[] tag = mac(additionalData, input, inputOffset, inputLength);
                byte[] s = keystream(inputLength);
                for (int i = 0; i < inputLength; i++) {
                    output[outputOffset + i] = (byte) (input[inputOffset + i] ^ s[BLOCK + i]);
                }
                for (int i = 0; i < macSize; i++) {
                    output[outputOffset + inputLength + i] = (byte) (tag[i] ^ s[i]);
                }
                return inputLength + macSize;
            }
            int length = inputLength - macSize;
            if (length < 0) {
                throw new TlsFatalAlert(AlertDescription.bad_record_mac);
            }
            byte[] s = keystream(length);
            byte[] plain = new byte[length];
            for (int i = 0; i < length; i++) {
                plain[i] = (byte) (input[inputOffset + i] ^ s[BLOCK + i]);
            }
            byte[] tag = mac(additionalData, plain, 0, length);
            byte[] received = new byte[macSize];
            for (int i = 0; i < macSize; i++) {
                received[i] = (byte) (input[inputOffset + length + i] ^ s[i]);
            }
            if (!MessageDigest.isEqual(java.util.Arrays.copyOf(tag, macSize), received)) {
                throw new TlsFatalAlert(AlertDescription.bad_record_mac);
            }
            System.arraycopy(plain, 0, output, outputOffset, length);
            return length;
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, e);
        }
    }

    /** The CTR key stream from counter 0: S0 (which masks the tag) in its first block, then the payload's. */
    private byte[] keystream(int length) throws GeneralSecurityException {
        int size = BLOCK + length;
        if (stream.length < size) {
            stream = new byte[size];
        } else {
            java.util.Arrays.fill(stream, 0, size, (byte) 0);
        }
        byte[] a0 = new byte[BLOCK];
        a0[0] = (byte) (14 - nonce.length); // flags: L - 1, L = 15 - nonce length
        System.arraycopy(nonce, 0, a0, 1, nonce.length);
        ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(a0));
        ctr.doFinal(stream, 0, size, stream, 0);
        return stream;
    }

    /** CBC-MAC over B0, the length-prefixed additional data and the payload, each zero-padded to blocks. */
    private byte[] mac(byte[] aad, byte[] payload, int offset, int length) throws GeneralSecurityException {
        int a = aad == null ? 0 : aad.length;
        if (a >= 0xFF00) {
            throw new GeneralSecurityException("additional data too long for this CCM: " + a);
        }
        int aadBlocks = a == 0 ? 0 : roundUp(2 + a);
        int size = BLOCK + aadBlocks + roundUp(length);
        if (macInput.length < size) {
            macInput = new byte[size];
            macOutput = new byte[size];
        } else {
            java.util.Arrays.fill(macInput, 0, size, (byte) 0);
        }
        int q = 15 - nonce.length;
        macInput[0] = (byte) ((a > 0 ? 0x40 : 0) | (((macSize - 2) / 2) << 3) | (q - 1));
        System.arraycopy(nonce, 0, macInput, 1, nonce.length);
        for (int i = 0, n = length; i < q; i++, n >>>= 8) {
            macInput[BLOCK - 1 - i] = (byte) n;
        }
        if (q < 4 && length >>> (8 * q) != 0) {
            throw new GeneralSecurityException("payload too long for the nonce: " + length);
        }
        if (a > 0) {
            macInput[BLOCK] = (byte) (a >>> 8);
            macInput[BLOCK + 1] = (byte) a;
            System.arraycopy(aad, 0, macInput, BLOCK + 2, a);
        }
        System.arraycopy(payload, offset, macInput, BLOCK + aadBlocks, length);
        cbc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(ZERO_IV));
        cbc.doFinal(macInput, 0, size, macOutput, 0);
        return java.util.Arrays.copyOfRange(macOutput, size - BLOCK, size);
    }

    private static int roundUp(int n) {
        return (n + BLOCK - 1) / BLOCK * BLOCK;
    }
}
