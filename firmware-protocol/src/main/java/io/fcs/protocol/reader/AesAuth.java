package io.fcs.protocol.reader;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The mutual AES-128 authentication of an AES-class wristband (Ultralight AES / DESFire EV1
 * style), shared by the terminal side and the simulated tag. CBC with the IV chained across the
 * three messages; RndX' is RndX rotated left by one byte.
 *
 * <pre>
 *  terminal                                   tag
 *     1A 00                           ----&gt;
 *                                     &lt;----   AF || E(K, IV=0, RndB)                 16 bytes
 *     AF || E(K, IV=c1, RndA || RndB') ----&gt;                                           32 bytes
 *                                     &lt;----   00 || E(K, IV=c2, RndA')               16 bytes
 *  c1 = the tag's first ciphertext; c2 = the last block of the terminal's ciphertext.
 *  The tag answers NAK 04 when RndB' is wrong; the terminal rejects the tag when RndA' is wrong.
 * </pre>
 */
final class AesAuth {

    static final int BLOCK = 16;
    static final int KEY_NUMBER = 0x00;
    static final int MORE_FRAMES = 0xAF;

    private AesAuth() {}

    static byte[] encrypt(byte[] key, byte[] iv, byte[] plain) {
        return cbc(true, key, iv, plain);
    }

    static byte[] decrypt(byte[] key, byte[] iv, byte[] cipher) {
        return cbc(false, key, iv, cipher);
    }

    static byte[] rotateLeft(byte[] in) {
        byte[] out = new byte[in.length];
        System.arraycopy(in, 1, out, 0, in.length - 1);
        out[in.length - 1] = in[0];
        return out;
    }

    static byte[] lastBlock(byte[] cipher) {
        return java.util.Arrays.copyOfRange(cipher, cipher.length - BLOCK, cipher.length);
    }

    private static byte[] cbc(boolean encrypt, byte[] key, byte[] iv, byte[] in) {
        if (in.length == 0 || in.length % BLOCK != 0) {
            throw new IllegalArgumentException("AES-CBC input must be whole blocks, was " + in.length + " bytes");
        }
        AESEngine aes = (AESEngine) AESEngine.newInstance();
        aes.init(encrypt, new KeyParameter(key));
        byte[] out = new byte[in.length];
        byte[] chain = iv.clone();
        byte[] block = new byte[BLOCK];
        for (int offset = 0; offset < in.length; offset += BLOCK) {
            if (encrypt) {
                for (int i = 0; i < BLOCK; i++) {
                    block[i] = (byte) (in[offset + i] ^ chain[i]);
                }
                aes.processBlock(block, 0, out, offset);
                System.arraycopy(out, offset, chain, 0, BLOCK);
            } else {
                aes.processBlock(in, offset, block, 0);
                for (int i = 0; i < BLOCK; i++) {
                    out[offset + i] = (byte) (block[i] ^ chain[i]);
                }
                System.arraycopy(in, offset, chain, 0, BLOCK);
            }
        }
        return out;
    }
}
