package org.openvtn.certs.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.junit.jupiter.api.Test;

/**
 * {@link AesCcmCipher}, the AES-CCM record cipher of {@code TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8} (IEEE 2030.5-2018
 * §6.11, CSIP COMM-003; RFC 6655 / RFC 7251), against NIST SP 800-38C as RFC 3610 and Bouncy Castle's
 * {@code CCMBlockCipher} compute it.
 */
class AesCcmCipherTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] seal(boolean encrypt, byte[] key, byte[] nonce, int mac, byte[] aad, byte[] in)
            throws Exception {
        AesCcmCipher c = new AesCcmCipher(encrypt);
        c.setKey(key, 0, key.length);
        c.init(nonce, mac);
        byte[] out = new byte[Math.max(0, c.getOutputSize(in.length))];
        assertEquals(out.length, c.doFinal(aad, in, 0, in.length, out, 0));
        return out;
    }

    private static byte[] reference(boolean encrypt, byte[] key, byte[] nonce, int mac, byte[] aad, byte[] in)
            throws Exception {
        org.bouncycastle.crypto.modes.CCMModeCipher bc = CCMBlockCipher.newInstance(AESEngine.newInstance());
        bc.init(encrypt, new AEADParameters(new KeyParameter(key), mac * 8, nonce, aad));
        byte[] out = new byte[bc.getOutputSize(in.length)];
        int n = bc.processBytes(in, 0, in.length, out, 0);
        bc.doFinal(out, n);
        return out;
    }

    /** RFC 3610 §8 Packet Vector #1: 13-byte nonce, 8 bytes of additional data, 8-byte tag. */
    @Test
    void rfc3610PacketVector1() throws Exception {
        byte[] key = HEX.parseHex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf");
        byte[] nonce = HEX.parseHex("00000003020100a0a1a2a3a4a5");
        byte[] aad = HEX.parseHex("0001020304050607");
        byte[] plain = HEX.parseHex("08090a0b0c0d0e0f101112131415161718191a1b1c1d1e");
        byte[] expected = HEX.parseHex("588c979a61c663d2f066d0c2c0f989806d5f6b61dac38417e8d12cfdf926e0");
        assertArrayEquals(expected, seal(true, key, nonce, 8, aad, plain));
        assertArrayEquals(plain, seal(false, key, nonce, 8, aad, expected));
    }

    /** TLS shape (12-byte nonce, 13-byte additional data, CCM_8 and CCM) for record lengths 0..16,384 and more. */
    @Test
    void equalsBouncyCastleForEveryLengthClass() throws Exception {
        Random random = new Random(2030_5);
        int[] lengths = {0, 1, 15, 16, 17, 31, 32, 33, 255, 256, 1000, 4096, 14_566, 16_384, 16_400};
        for (int length : lengths) {
            for (int mac : new int[] {8, 16}) {
                byte[] key = bytes(random, 16);
                byte[] nonce = bytes(random, 12);
                byte[] aad = bytes(random, 13);
                byte[] plain = bytes(random, length);
                byte[] sealed = seal(true, key, nonce, mac, aad, plain);
                assertArrayEquals(reference(true, key, nonce, mac, aad, plain), sealed, "length " + length);
                assertArrayEquals(plain, seal(false, key, nonce, mac, aad, sealed), "length " + length);
            }
        }
    }

    /** A changed ciphertext, tag, additional data (record header) or nonce is bad_record_mac, never plaintext. */
    @Test
    void tamperedRecordsAreRejected() throws Exception {
        Random random = new Random(7);
        byte[] key = bytes(random, 16);
        byte[] nonce = bytes(random, 12);
        byte[] aad = bytes(random, 13);
        byte[] sealed = seal(true, key, nonce, 8, aad, bytes(random, 100));
        for (int at : new int[] {0, 50, 99, 100, 107}) {
            byte[] bad = sealed.clone();
            bad[at] ^= 1;
            assertBadMac(key, nonce, aad, bad);
        }
        byte[] otherAad = aad.clone();
        otherAad[12] ^= 1;
        assertBadMac(key, nonce, otherAad, sealed);
        byte[] otherNonce = nonce.clone();
        otherNonce[0] ^= 1;
        assertBadMac(key, otherNonce, aad, sealed);
        assertBadMac(key, nonce, aad, Arrays.copyOf(sealed, 7));
    }

    private static void assertBadMac(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) {
        TlsFatalAlert e = assertThrows(TlsFatalAlert.class, () -> seal(false, key, nonce, 8, aad, sealed));
        assertEquals(AlertDescription.bad_record_mac, e.getAlertDescription());
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
