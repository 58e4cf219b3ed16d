package org.openvtn.certs.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
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
    /** Scratch: the CBC-MAC's output (only its last block is used) and a decrypted record before its tag is checked. */
    private byte[] macOutput = new byte[0];
    private byte[] plain = new byte[0];

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
                byte[] s0 = startCounter();
                ctr.doFinal(input, inputOffset, inputLength, output, outputOffset);
                for (int i = 0; i < macSize; i++) {
                    output[outputOffset + inputLength + i] = (byte) (tag[i] ^ s0[i]);
                }
                return inputLength + macSize;
            }
            int length = inputLength - macSize;
            if (length < 0) {
                throw new TlsFatalAlert(AlertDescription.bad_record_mac);
            }
            if (plain.length < length) {
                plain = new byte[length];
            }
            byte[] s0 = startCounter();
            ctr.doFinal(input, inputOffset, length, plain, 0);
            byte[] tag = mac(additionalData, plain, 0, length);
            int diff = 0;
            for (int i = 0; i < macSize; i++) {
                diff |= tag[i] ^ s0[i] ^ input[inputOffset + length + i]; // constant time
            }
            if (diff != 0) {
                throw new TlsFatalAlert(AlertDescription.bad_record_mac);
            }
            System.arraycopy(plain, 0, output, outputOffset, length);
            return length;
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, e);
        }
    }

    /** Starts CTR at counter block A0 and returns S0 = E(A0), which masks the tag; the payload follows from A1. */
    private byte[] startCounter() throws GeneralSecurityException {
        byte[] a0 = new byte[BLOCK];
        a0[0] = (byte) (14 - nonce.length); // flags: L - 1, L = 15 - nonce length
        System.arraycopy(nonce, 0, a0, 1, nonce.length);
        ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(a0));
        byte[] s0 = new byte[BLOCK];
        ctr.update(new byte[BLOCK], 0, BLOCK, s0, 0);
        return s0;
    }

    /** CBC-MAC over B0, the length-prefixed additional data and the payload, each zero-padded to blocks. */
    private byte[] mac(byte[] aad, byte[] payload, int offset, int length) throws GeneralSecurityException {
        int a = aad == null ? 0 : aad.length;
        if (a >= 0xFF00) {
            throw new GeneralSecurityException("additional data too long for this CCM: " + a);
        }
        int q = 15 - nonce.length;
        if (q < 4 && length >>> (8 * q) != 0) {
            throw new GeneralSecurityException("payload too long for the nonce: " + length);
        }
        byte[] head = new byte[BLOCK + (a == 0 ? 0 : roundUp(2 + a))];
        head[0] = (byte) ((a > 0 ? 0x40 : 0) | (((macSize - 2) / 2) << 3) | (q - 1));
        System.arraycopy(nonce, 0, head, 1, nonce.length);
        for (int i = 0, n = length; i < q; i++, n >>>= 8) {
            head[BLOCK - 1 - i] = (byte) n;
        }
        if (a > 0) {
            head[BLOCK] = (byte) (a >>> 8);
            head[BLOCK + 1] = (byte) a;
            System.arraycopy(aad, 0, head, BLOCK + 2, a);
        }
        int full = length & -BLOCK;
        if (macOutput.length < Math.max(full, head.length)) {
            macOutput = new byte[Math.max(full, head.length)];
        }
        cbc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(ZERO_IV));
        cbc.update(head, 0, head.length, macOutput, 0);
        int last = head.length - BLOCK;
        if (full > 0) {
            cbc.update(payload, offset, full, macOutput, 0);
            last = full - BLOCK;
        }
        if (length > full) {
            byte[] tail = new byte[BLOCK];
            System.arraycopy(payload, offset + full, tail, 0, length - full);
            cbc.doFinal(tail, 0, BLOCK, macOutput, 0);
            last = 0;
        }
        return java.util.Arrays.copyOfRange(macOutput, last, last + BLOCK);
    }

    private static int roundUp(int n) {
        return (n + BLOCK - 1) / BLOCK * BLOCK;
    }
}
