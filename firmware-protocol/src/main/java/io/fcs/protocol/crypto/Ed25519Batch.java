package io.fcs.protocol.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Checks many Ed25519 signatures of one key together (decision 0275): cheaper per signature than
 * one check after another, because the variable-base half of every check is folded into one
 * multi-scalar multiplication.
 *
 * <p>The equation is RFC 8032 §5.1.7's cofactored one: a signature (R, S) of message M under key A
 * holds when {@code [8][S]B = [8]R + [8][k]A} with {@code k = SHA-512(R || A || M) mod L}, S
 * canonical ({@code S < L}) and R, A canonical encodings of curve points. A batch is checked as
 * {@code [8](Σ z_i (S_i B − R_i − k_i A)) = O} with independent random 128-bit z_i: it holds when
 * every signature holds, and when one does not it fails except with probability about 2^-125.
 * Bouncy Castle's own single check accepts the same signatures, those with a small-order part in R
 * included (which only the key's holder can make): {@code Ed25519BatchTest} shows both.
 *
 * <p>The field arithmetic is Bouncy Castle's ({@link X25519Field}); the group law is the unified
 * addition of twisted Edwards curves in extended coordinates (Hisil, Wong, Carter, Dawson 2008),
 * complete on this curve. Nothing secret goes through here: the code is not constant-time.
 */
public final class Ed25519Batch {

    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger L =
            BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
    /** d = −121665/121666, the curve's constant, and 2d. */
    private static final BigInteger D_VALUE = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P))
            .mod(P);

    private static final int[] D = fieldOf(D_VALUE);
    private static final int[] D2 = fieldOf(D_VALUE.shiftLeft(1).mod(P));
    /** The base point's encoding: y = 4/5, x even. */
    private static final byte[] BASE_ENCODED = Bytes.fromHex("58" + "66".repeat(31));
    /** 0·B … 15·B, for the fixed-base half. */
    private static final Cached[] BASE_MULTIPLES = multiplesOf(decode(BASE_ENCODED));

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ed25519Batch() {}

    /**
     * Whether every {@code signatures[i]} is a valid signature of {@code messages[i]} under {@code
     * key}. Lists of different sizes, wrong lengths, non-canonical scalars and encodings that are
     * not curve points answer {@code false}. An empty batch holds.
     */
    public static boolean allHold(Ed25519.VerificationKey key, List<byte[]> messages, List<byte[]> signatures) {
        Objects.requireNonNull(key, "key");
        if (messages.size() != signatures.size()) {
            return false;
        }
        if (messages.isEmpty()) {
            return true;
        }
        byte[] weights = new byte[16 * messages.size()];
        RANDOM.nextBytes(weights);
        return check(key, messages, signatures, weights);
    }

    /** Whether one signature holds (the same equation with weight 1, no randomness). */
    public static boolean holds(Ed25519.VerificationKey key, byte[] message, byte[] signature) {
        Objects.requireNonNull(key, "key");
        if (message == null || signature == null) {
            return false;
        }
        byte[] one = new byte[16];
        one[0] = 1;
        return check(key, List.of(message), List.of(signature), one);
    }

    private static boolean check(
            Ed25519.VerificationKey key, List<byte[]> messages, List<byte[]> signatures, byte[] weights) {
        byte[] encodedKey = key.encoded();
        Point a = decode(encodedKey);
        if (a == null || hasSmallOrder(a)) {
            return false; // a key of order 1, 2, 4 or 8 would make any [8]R = [8][S]B a signature
        }
        MessageDigest sha512 = sha512();
        int n = messages.size();
        Cached[] rs = new Cached[n];
        long[] zLow = new long[n];
        long[] zHigh = new long[n];
        BigInteger sSum = BigInteger.ZERO;
        BigInteger kSum = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            byte[] message = messages.get(i);
            byte[] signature = signatures.get(i);
            if (message == null || signature == null || signature.length != Ed25519.SIGNATURE_LENGTH) {
                return false;
            }
            BigInteger s = littleEndian(signature, 32, 32);
            if (s.compareTo(L) >= 0) {
                return false;
            }
            Point r = decode(java.util.Arrays.copyOf(signature, 32));
            if (r == null) {
                return false;
            }
            rs[i] = cached(r);
            sha512.update(signature, 0, 32);
            sha512.update(encodedKey);
            sha512.update(message);
            BigInteger k = littleEndian(sha512.digest(), 0, 64).mod(L);
            zLow[i] = littleEndianLong(weights, 16 * i);
            zHigh[i] = littleEndianLong(weights, 16 * i + 8);
            BigInteger z = littleEndian(weights, 16 * i, 16);
            sSum = sSum.add(z.multiply(s));
            kSum = kSum.add(z.multiply(k));
        }
        // [s]B + [k](−A) − Σ z_i R_i, times the cofactor, must be the neutral element
        Point negatedA = new Point();
        X25519Field.negate(a.x, negatedA.x);
        X25519Field.copy(a.y, 0, negatedA.y, 0);
        X25519Field.copy(a.z, 0, negatedA.z, 0);
        X25519Field.negate(a.t, negatedA.t);
        Point sum = fixedAndKey(scalarBytes(sSum.mod(L)), multiplesOf(negatedA), scalarBytes(kSum.mod(L)));
        Point weighted = multiScalar(rs, zLow, zHigh);
        Point negatedWeighted = new Point();
        X25519Field.negate(weighted.x, negatedWeighted.x);
        X25519Field.copy(weighted.y, 0, negatedWeighted.y, 0);
        X25519Field.copy(weighted.z, 0, negatedWeighted.z, 0);
        X25519Field.negate(weighted.t, negatedWeighted.t);
        add(sum, cached(negatedWeighted), sum);
        for (int i = 0; i < 3; i++) {
            twice(sum, sum);
        }
        return isNeutral(sum);
    }

    // ---------------------------------------------------------------- scalar multiplications

    /** {@code [s]B + [k]Q} with 4-bit windows over both 256-bit scalars at once (Straus). */
    private static Point fixedAndKey(byte[] s, Cached[] qMultiples, byte[] k) {
        Point acc = Point.neutral();
        for (int nibble = 63; nibble >= 0; nibble--) {
            if (nibble != 63) {
                for (int i = 0; i < 4; i++) {
                    twice(acc, acc);
                }
            }
            int sd = nibbleOf(s, nibble);
            if (sd != 0) {
                add(acc, BASE_MULTIPLES[sd], acc);
            }
            int kd = nibbleOf(k, nibble);
            if (kd != 0) {
                add(acc, qMultiples[kd], acc);
            }
        }
        return acc;
    }

    /**
     * {@code Σ z_i R_i} for 128-bit z_i, by buckets over signed windows (Pippenger): each window
     * adds every point once into the bucket of its digit, then sums the buckets.
     */
    private static Point multiScalar(Cached[] points, long[] zLow, long[] zHigh) {
        int n = points.length;
        int width = n < 8 ? 3 : n < 32 ? 4 : n < 160 ? 5 : 6;
        int windows = 128 / width + 2; // the top window only takes the last carry
        int half = 1 << (width - 1);
        int[][] digits = new int[n][windows];
        for (int i = 0; i < n; i++) {
            int carry = 0;
            for (int w = 0; w < windows; w++) {
                int v = bits(zLow[i], zHigh[i], w * width, width) + carry;
                if (v >= half) {
                    digits[i][w] = v - (1 << width);
                    carry = 1;
                } else {
                    digits[i][w] = v;
                    carry = 0;
                }
            }
            if (carry != 0) {
                throw new IllegalStateException("a 128-bit weight did not fit its " + windows + " windows");
            }
        }
        Point result = Point.neutral();
        Point[] buckets = new Point[half + 1];
        boolean[] used = new boolean[half + 1];
        for (int b = 1; b <= half; b++) {
            buckets[b] = new Point();
        }
        Cached negated = new Cached();
        Point running = new Point();
        Point window = new Point();
        for (int w = windows - 1; w >= 0; w--) {
            if (w != windows - 1) {
                for (int i = 0; i < width; i++) {
                    twice(result, result);
                }
            }
            java.util.Arrays.fill(used, false);
            for (int i = 0; i < n; i++) {
                int digit = digits[i][w];
                if (digit == 0) {
                    continue;
                }
                int b = Math.abs(digit);
                Cached point = points[i];
                if (digit < 0) {
                    point.negateInto(negated);
                    point = negated;
                }
                if (used[b]) {
                    add(buckets[b], point, buckets[b]);
                } else {
                    buckets[b].setFrom(point);
                    used[b] = true;
                }
            }
            running.setNeutral();
            window.setNeutral();
            boolean any = false;
            for (int b = half; b >= 1; b--) {
                if (used[b]) {
                    add(running, cached(buckets[b]), running);
                    any = true;
                }
                if (any) {
                    add(window, cached(running), window);
                }
            }
            if (any) {
                add(result, cached(window), result);
            }
        }
        return result;
    }

    private static int bits(long low, long high, int from, int count) {
        long v;
        if (from >= 128) {
            return 0;
        } else if (from >= 64) {
            v = high >>> (from - 64);
        } else if (from + count <= 64) {
            v = low >>> from;
        } else {
            v = (low >>> from) | (high << (64 - from));
        }
        return (int) (v & ((1L << count) - 1));
    }

    private static int nibbleOf(byte[] scalar, int nibble) {
        int b = scalar[nibble >>> 1] & 0xff;
        return (nibble & 1) == 0 ? b & 15 : b >>> 4;
    }

    private static Cached[] multiplesOf(Point q) {
        if (q == null) {
            throw new IllegalStateException("the base point does not decode");
        }
        Cached[] table = new Cached[16];
        Point multiple = Point.neutral();
        Cached step = cached(q);
        table[0] = cached(multiple);
        for (int i = 1; i < 16; i++) {
            add(multiple, step, multiple);
            table[i] = cached(multiple);
        }
        return table;
    }

    // ---------------------------------------------------------------- points

    /** Extended coordinates: x = X/Z, y = Y/Z, x·y = T/Z. */
    private static final class Point {
        final int[] x = X25519Field.create();
        final int[] y = X25519Field.create();
        final int[] z = X25519Field.create();
        final int[] t = X25519Field.create();

        static Point neutral() {
            Point p = new Point();
            p.setNeutral();
            return p;
        }

        void setNeutral() {
            X25519Field.zero(x);
            X25519Field.one(y);
            X25519Field.one(z);
            X25519Field.zero(t);
        }

        /**
         * This point set to a cached one: Y+X and Y−X give 2X and 2Y, so (2X·2Z : 2Y·2Z : 2Z·2Z :
         * 2X·2Y) is the same point with its T (x·y = T/Z) and without a division.
         */
        void setFrom(Cached c) {
            int[] twoX = X25519Field.create();
            int[] twoY = X25519Field.create();
            X25519Field.sub(c.ypx, c.ymx, twoX);
            X25519Field.add(c.ypx, c.ymx, twoY);
            X25519Field.mul(twoX, c.z2, x);
            X25519Field.mul(twoY, c.z2, y);
            X25519Field.sqr(c.z2, z);
            X25519Field.mul(twoX, twoY, t);
        }
    }

    /** A point ready to be added: Y+X, Y−X, 2Z and 2d·T. */
    private static final class Cached {
        final int[] ypx = X25519Field.create();
        final int[] ymx = X25519Field.create();
        final int[] z2 = X25519Field.create();
        final int[] t2d = X25519Field.create();

        /** −P is (−X, Y, Z, −T): Y+X and Y−X swap places, 2d·T changes sign. */
        void negateInto(Cached r) {
            X25519Field.copy(ymx, 0, r.ypx, 0);
            X25519Field.copy(ypx, 0, r.ymx, 0);
            X25519Field.copy(z2, 0, r.z2, 0);
            X25519Field.negate(t2d, r.t2d);
        }
    }

    private static Cached cached(Point p) {
        Cached c = new Cached();
        X25519Field.add(p.y, p.x, c.ypx);
        X25519Field.sub(p.y, p.x, c.ymx);
        X25519Field.add(p.z, p.z, c.z2);
        X25519Field.mul(p.t, D2, c.t2d);
        X25519Field.carry(c.ypx);
        X25519Field.carry(c.ymx);
        X25519Field.carry(c.z2);
        return c;
    }

    /** r = p + q ({@code r} may be {@code p}); eight multiplications. */
    private static void add(Point p, Cached q, Point r) {
        int[] a = X25519Field.create();
        int[] b = X25519Field.create();
        int[] c = X25519Field.create();
        int[] d = X25519Field.create();
        X25519Field.apm(p.y, p.x, b, a);
        X25519Field.mul(a, q.ymx, a);
        X25519Field.mul(b, q.ypx, b);
        X25519Field.mul(p.t, q.t2d, c);
        X25519Field.mul(p.z, q.z2, d);
        int[] e = X25519Field.create();
        int[] h = X25519Field.create();
        int[] f = X25519Field.create();
        int[] g = X25519Field.create();
        X25519Field.apm(b, a, h, e);
        X25519Field.apm(d, c, g, f);
        X25519Field.mul(e, f, r.x);
        X25519Field.mul(g, h, r.y);
        X25519Field.mul(e, h, r.t);
        X25519Field.mul(f, g, r.z);
    }

    /** r = 2p ({@code r} may be {@code p}); four squarings, four multiplications. */
    private static void twice(Point p, Point r) {
        int[] a = X25519Field.create();
        int[] b = X25519Field.create();
        int[] c = X25519Field.create();
        int[] e = X25519Field.create();
        X25519Field.add(p.x, p.y, e);
        X25519Field.sqr(p.x, a);
        X25519Field.sqr(p.y, b);
        X25519Field.sqr(p.z, c);
        X25519Field.add(c, c, c);
        int[] h = X25519Field.create();
        int[] g = X25519Field.create();
        X25519Field.apm(a, b, h, g); // h = A + B, g = A − B
        X25519Field.sqr(e, e);
        X25519Field.sub(h, e, e); // e = A + B − (X + Y)² = −E
        int[] f = X25519Field.create();
        X25519Field.add(c, g, f); // f = 2Z² + A − B = −F
        X25519Field.carry(f);
        X25519Field.mul(e, f, r.x);
        X25519Field.mul(g, h, r.y);
        X25519Field.mul(e, h, r.t);
        X25519Field.mul(f, g, r.z);
    }

    private static boolean hasSmallOrder(Point p) {
        Point eight = new Point();
        twice(p, eight);
        twice(eight, eight);
        twice(eight, eight);
        return isNeutral(eight);
    }

    private static boolean isNeutral(Point p) {
        X25519Field.normalize(p.x);
        X25519Field.normalize(p.y);
        X25519Field.normalize(p.z);
        return X25519Field.isZeroVar(p.x) && X25519Field.areEqualVar(p.y, p.z);
    }

    /**
     * RFC 8032 §5.1.3: y from the low 255 bits (refused unless below p), x from the curve
     * equation and the sign bit. {@code null} when the bytes are not a point.
     */
    private static Point decode(byte[] encoded) {
        if (encoded.length != 32 || !canonical(encoded)) {
            return null;
        }
        int sign = (encoded[31] & 0x80) >>> 7;
        Point p = new Point();
        X25519Field.decode(encoded, 0, p.y);
        int[] u = X25519Field.create();
        int[] v = X25519Field.create();
        X25519Field.sqr(p.y, u);
        X25519Field.mul(D, u, v);
        X25519Field.subOne(u);
        X25519Field.addOne(v);
        if (!X25519Field.sqrtRatioVar(u, v, p.x)) {
            return null;
        }
        X25519Field.normalize(p.x);
        if (sign == 1 && X25519Field.isZeroVar(p.x)) {
            return null;
        }
        if (sign != (p.x[0] & 1)) {
            X25519Field.negate(p.x, p.x);
            X25519Field.normalize(p.x);
        }
        X25519Field.one(p.z);
        X25519Field.mul(p.x, p.y, p.t);
        return p;
    }

    /**
     * {@code [k]B + q} encoded (RFC 8032 §5.1.2), {@code q} an encoded point or {@code null} for
     * none; {@code null} when {@code q} is not a point. For tests that build signatures by hand.
     */
    static byte[] baseMultiplePlus(BigInteger k, byte[] q) {
        Point sum = fixedAndKey(scalarBytes(k.mod(L)), BASE_MULTIPLES, new byte[32]);
        if (q != null) {
            Point other = decode(q);
            if (other == null) {
                return null;
            }
            add(sum, cached(other), sum);
        }
        int[] inverse = X25519Field.create();
        X25519Field.inv(sum.z, inverse);
        int[] x = X25519Field.create();
        int[] y = X25519Field.create();
        X25519Field.mul(sum.x, inverse, x);
        X25519Field.mul(sum.y, inverse, y);
        X25519Field.normalize(x);
        X25519Field.normalize(y);
        byte[] out = new byte[32];
        X25519Field.encode(y, out, 0);
        out[31] |= (byte) ((x[0] & 1) << 7);
        return out;
    }

    /** Whether the low 255 bits, little-endian, are below p = 2^255 − 19. */
    private static boolean canonical(byte[] encoded) {
        if ((encoded[31] & 0x7f) != 0x7f) {
            return true;
        }
        for (int i = 30; i >= 1; i--) {
            if ((encoded[i] & 0xff) != 0xff) {
                return true;
            }
        }
        return (encoded[0] & 0xff) < 0xed;
    }

    // ---------------------------------------------------------------- encodings

    private static BigInteger littleEndian(byte[] bytes, int offset, int length) {
        byte[] bigEndian = new byte[length];
        for (int i = 0; i < length; i++) {
            bigEndian[i] = bytes[offset + length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    private static long littleEndianLong(byte[] bytes, int offset) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (bytes[offset + i] & 0xff);
        }
        return v;
    }

    /** A scalar in [0, 2^256) as 32 little-endian bytes. */
    private static byte[] scalarBytes(BigInteger scalar) {
        byte[] bigEndian = scalar.toByteArray(); // may carry one leading sign byte
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    private static int[] fieldOf(BigInteger value) {
        int[] element = X25519Field.create();
        X25519Field.decode(scalarBytes(value), 0, element);
        return element;
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-512", impossible);
        }
    }
}
