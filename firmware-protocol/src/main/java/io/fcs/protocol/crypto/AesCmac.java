package io.fcs.protocol.crypto;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-128 CMAC (RFC 4493 / NIST SP 800-38B), written out so that the subkeys are reachable:
 * the NXP AN10922 key diversification needs CMAC's last-block rule over a fixed 32-byte input.
 * Also gives the NXP 8-byte truncation (the odd bytes) used in tag secure messaging. An
 * instance keeps cipher state: use one per thread.
 */
public final class AesCmac {

    public static final int KEY_LENGTH = 16;
    public static final int BLOCK = 16;
    private static final byte RB = (byte) 0x87;

    private final BlockCipher aes;
    private final byte[] k1;
    private final byte[] k2;

    public AesCmac(byte[] key) {
        byte[] checkedKey = Bytes.requireLength("AES-128 key", key, KEY_LENGTH);
        // newInstance() may answer a native engine, which is not an AESEngine: keep the interface.
        this.aes = AESEngine.newInstance();
        aes.init(true, new KeyParameter(checkedKey));
        byte[] l = new byte[BLOCK];
        aes.processBlock(new byte[BLOCK], 0, l, 0);
        this.k1 = shiftLeftXorRb(l);
        this.k2 = shiftLeftXorRb(k1);
    }

    /** CMAC of a message of any length (RFC 4493). */
    public static byte[] mac(byte[] key, byte[] message) {
        return new AesCmac(key).mac(message);
    }

    public byte[] mac(byte[] message) {
        int blocks = Math.max(1, (message.length + BLOCK - 1) / BLOCK);
        boolean complete = message.length > 0 && message.length % BLOCK == 0;
        return macBlocks(message, blocks, complete);
    }

    /**
     * CMAC over {@code message} padded (0x80 0x00…) to exactly {@code paddedLength} bytes, with K2
     * when padding was added and K1 otherwise: AN10922's rule for diversification input.
     */
    byte[] macPaddedTo(byte[] message, int paddedLength) {
        if (paddedLength % BLOCK != 0 || message.length > paddedLength) {
            throw new IllegalArgumentException(
                    "cannot pad " + message.length + " bytes to " + paddedLength + " for CMAC");
        }
        boolean complete = message.length == paddedLength;
        return macBlocks(message, paddedLength / BLOCK, complete);
    }

    /** NXP's 8-byte truncated MAC: the bytes at odd positions of the full CMAC. */
    public static byte[] truncateOddBytes(byte[] fullMac) {
        Bytes.requireLength("full CMAC", fullMac, BLOCK);
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = fullMac[2 * i + 1];
        }
        return out;
    }

    private byte[] macBlocks(byte[] message, int blocks, boolean lastBlockComplete) {
        byte[] state = new byte[BLOCK];
        byte[] block = new byte[BLOCK];
        for (int b = 0; b < blocks; b++) {
            int start = b * BLOCK;
            java.util.Arrays.fill(block, (byte) 0);
            int available = Math.max(0, Math.min(BLOCK, message.length - start));
            if (available > 0) {
                System.arraycopy(message, start, block, 0, available);
            }
            boolean last = b == blocks - 1;
            boolean messageEndsHere = start <= message.length && message.length < start + BLOCK;
            if (messageEndsHere && !(last && lastBlockComplete)) {
                block[available] = (byte) 0x80;
            }
            if (last) {
                xorInto(block, lastBlockComplete ? k1 : k2);
            }
            xorInto(state, block);
            aes.processBlock(state, 0, state, 0);
        }
        return state;
    }

    private static void xorInto(byte[] target, byte[] source) {
        for (int i = 0; i < BLOCK; i++) {
            target[i] ^= source[i];
        }
    }

    private static byte[] shiftLeftXorRb(byte[] in) {
        byte[] out = new byte[BLOCK];
        int carry = 0;
        for (int i = BLOCK - 1; i >= 0; i--) {
            int value = in[i] & 0xff;
            out[i] = (byte) ((value << 1) | carry);
            carry = value >>> 7;
        }
        if ((in[0] & 0x80) != 0) {
            out[BLOCK - 1] ^= RB;
        }
        return out;
    }
}
