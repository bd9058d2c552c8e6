package io.fcs.protocol.crypto;

/**
 * Per-wristband AES-128 keys diversified from a master key and the tag's UID, as in NXP
 * application note AN10922 (AES-128, CMAC-based): {@code K' = CMAC(K, 0x01 || M || padding)}
 * where {@code M = UID || application id || system identifier} (at most 31 bytes) and the input
 * is always padded to 32 bytes. A leaked wristband key opens one wristband, not the festival.
 */
public final class KeyDiversification {

    private static final byte AES128_DIV_CONSTANT = 0x01;
    private static final int MAX_INPUT = 31;

    private KeyDiversification() {}

    public static byte[] diversify(byte[] masterKey, byte[] uid, byte[] applicationId, byte[] systemIdentifier) {
        int length = uid.length + applicationId.length + systemIdentifier.length;
        if (uid.length == 0 || length > MAX_INPUT) {
            throw new IllegalArgumentException(
                    "diversification input must be 1..31 bytes with a UID, was " + length + " bytes");
        }
        byte[] input = new byte[1 + length];
        input[0] = AES128_DIV_CONSTANT;
        System.arraycopy(uid, 0, input, 1, uid.length);
        System.arraycopy(applicationId, 0, input, 1 + uid.length, applicationId.length);
        System.arraycopy(systemIdentifier, 0, input, 1 + uid.length + applicationId.length, systemIdentifier.length);
        return new AesCmac(masterKey).macPaddedTo(input, 2 * AesCmac.BLOCK);
    }
}
