package io.fcs.protocol.tag;

/**
 * Where things live in a wristband's memory. Pages are 4 bytes. Both profiles share pages
 * 0x04–0x56; the AES class adds its configuration and key pages after them.
 *
 * <pre>
 *  page        byte 0      byte 1      byte 2          byte 3
 *  0x00        UID0        UID1        UID2            BCC0          factory, read-only
 *  0x01        UID3        UID4        UID5            UID6
 *  0x02        BCC1        internal    LOCK0           LOCK1
 *  0x03        capability container / OTP
 *  0x04        'F' (0x46)  'W' (0x57)  LAYOUT_VERSION  PROFILE       header, written by initialise
 *  0x05..0x2D  slot A: one signed chip state (41 pages = 164 bytes, see ChipStateCodec)
 *  0x2E..0x56  slot B: the other signed chip state
 *  -- AES class only --
 *  0x57        CFG0:  RFU         RFU         RFU             AUTH0         first protected page
 *  0x58        CFG1:  ACCESS      RFU         RFU             RFU           ACCESS bit 7 = PROT
 *  0x59..0x5C  AES-128 key, write-only (reads answer zeros)
 *  -- NTAG215/216: CFG0 / CFG1 (ACCESS bit 4 = NFC_CNT_EN) follow the dynamic lock page --
 * </pre>
 *
 * Writes go to the slot that does not hold the newest valid state. Inside a slot the first page
 * is first zeroed, then pages 1..40 are written, then page 0 last: a slot whose first page is
 * zero but whose other pages are not is an interrupted write, never a forgery.
 */
public final class WristbandLayout {

    public static final int PAGE_SIZE = 4;

    public static final int UID_PAGE = 0x00;
    public static final int CAPABILITY_PAGE = 0x03;

    public static final int HEADER_PAGE = 0x04;
    public static final byte MAGIC_0 = 0x46; // 'F'
    public static final byte MAGIC_1 = 0x57; // 'W'
    public static final int LAYOUT_VERSION = 0x01;
    public static final int HEADER_MAGIC_0 = 0;
    public static final int HEADER_MAGIC_1 = 1;
    public static final int HEADER_LAYOUT_VERSION = 2;
    public static final int HEADER_PROFILE = 3;

    public static final int SLOT_PAGES = 41;
    public static final int SLOT_LENGTH = SLOT_PAGES * PAGE_SIZE;
    public static final int SLOT_A_FIRST_PAGE = 0x05;
    public static final int SLOT_B_FIRST_PAGE = SLOT_A_FIRST_PAGE + SLOT_PAGES; // 0x2E
    public static final int LAYOUT_END_PAGE = SLOT_B_FIRST_PAGE + SLOT_PAGES; // 0x57, exclusive

    public static final int AES_CFG0_PAGE = 0x57;
    public static final int AES_CFG1_PAGE = 0x58;
    public static final int AES_KEY_FIRST_PAGE = 0x59;
    public static final int AES_KEY_PAGES = 4;
    public static final int AES_TOTAL_PAGES = AES_KEY_FIRST_PAGE + AES_KEY_PAGES; // 0x5D
    public static final int CFG0_AUTH0 = 3;
    public static final int CFG1_ACCESS = 0;
    /** ACCESS bit: 1 = pages from AUTH0 on are read- and write-protected, 0 = write-protected. */
    public static final int ACCESS_PROT = 0x80;
    /** NTAG21x ACCESS bit: the NFC counter counts the first READ after each power-up. */
    public static final int ACCESS_NFC_CNT_EN = 0x10;
    /** AUTH0 value that leaves every page open (factory state). */
    public static final int AUTH0_OPEN = 0xFF;

    /** Counter addresses for {@code READ_CNT} / {@code INCR_CNT}. */
    public static final int AES_ONE_WAY_COUNTER = 0x00;

    public static final int NTAG_NFC_COUNTER = 0x02;
    public static final int COUNTER_MAX = 0xFFFFFF;

    private WristbandLayout() {}

    /** The header page content for a profile. */
    public static byte[] header(WristbandProfile profile) {
        return new byte[] {MAGIC_0, MAGIC_1, (byte) LAYOUT_VERSION, (byte) profile.code()};
    }

    /** Whether these 4 bytes are a header written by this layout version for that profile. */
    public static boolean isHeader(byte[] page, WristbandProfile profile) {
        return page != null
                && page.length == PAGE_SIZE
                && page[HEADER_MAGIC_0] == MAGIC_0
                && page[HEADER_MAGIC_1] == MAGIC_1
                && (page[HEADER_LAYOUT_VERSION] & 0xff) == LAYOUT_VERSION
                && (page[HEADER_PROFILE] & 0xff) == profile.code();
    }

    /** NTAG21x configuration page 0 (after user memory and the dynamic lock page). */
    public static int ntagCfg0Page(ChipType type) {
        if (type.profile() != WristbandProfile.NTAG21X) {
            throw new IllegalArgumentException(type + " is not an NTAG21x");
        }
        return type.lastUserPage() + 2;
    }

    /** The two state slots. */
    public enum Slot {
        A(0, SLOT_A_FIRST_PAGE),
        B(1, SLOT_B_FIRST_PAGE);

        private final int code;
        private final int firstPage;

        Slot(int code, int firstPage) {
            this.code = code;
            this.firstPage = firstPage;
        }

        public int code() {
            return code;
        }

        public static Slot fromCode(int code) {
            return switch (code) {
                case 0 -> A;
                case 1 -> B;
                default -> throw new IllegalArgumentException("unknown slot code " + code);
            };
        }

        public int firstPage() {
            return firstPage;
        }

        public Slot other() {
            return this == A ? B : A;
        }
    }
}
