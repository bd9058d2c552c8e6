package io.fcs.protocol.reader;

import io.fcs.protocol.crypto.Ed25519.SigningKey;
import io.fcs.protocol.reader.ReaderException.Reason;
import io.fcs.protocol.reader.WriteOutcome.Refusal;
import io.fcs.protocol.reader.WriteOutcome.WriteStep;
import io.fcs.protocol.tag.ChipContent;
import io.fcs.protocol.tag.ChipState;
import io.fcs.protocol.tag.ChipStateCodec;
import io.fcs.protocol.tag.ChipType;
import io.fcs.protocol.tag.TagAssessment;
import io.fcs.protocol.tag.TagImage;
import io.fcs.protocol.tag.TagReading;
import io.fcs.protocol.tag.TagReading.TearKind;
import io.fcs.protocol.tag.TagReading.UnreadableReason;
import io.fcs.protocol.tag.TagUid;
import io.fcs.protocol.tag.WristbandKeys;
import io.fcs.protocol.tag.WristbandLayout;
import io.fcs.protocol.tag.WristbandLayout.Slot;
import io.fcs.protocol.tag.WristbandProfile;
import io.fcs.protocol.tag.WriterKeys;
import io.fcs.protocol.value.TerminalId;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.smartcardio.CardChannel;

/**
 * One tap of one wristband on one reader: identify, read, write, initialise. Card-agnostic: the
 * same code runs over a real PC/SC reader and over {@link SimulatedReaders}. Not thread-safe;
 * open one per connected card.
 *
 * <p>A write goes: (complete a pending increment) → zero the first page of the slot not holding
 * the newest state → write its pages 1..40 → write its first page → {@code INCR_CNT} (AES class).
 * What a tear at each step leaves, and how the next read reports it, is in docs/protocol.md.
 */
public final class WristbandSession {

    private static final int LAYOUT_PAGES = WristbandLayout.LAYOUT_END_PAGE - WristbandLayout.HEADER_PAGE;

    private final TagChannel tag;
    private final WristbandKeys keys;
    private final WriterKeys writers;
    private TagIdentity identity;
    private boolean authenticated;
    private TagReading lastReading;
    private TagImage lastImage;

    private WristbandSession(TagChannel tag, WristbandKeys keys, WriterKeys writers) {
        this.tag = tag;
        this.keys = keys;
        this.writers = writers;
    }

    /**
     * A session on a connected card. Nothing is sent until the first call.
     *
     * @param keys the festival's wristband master key (AES class authentication)
     * @param writers verification keys of the terminals that may have written the wristband
     */
    public static WristbandSession open(CardChannel channel, WristbandKeys keys, WriterKeys writers) {
        return open(channel, keys, writers, new SecureRandom());
    }

    public static WristbandSession open(
            CardChannel channel, WristbandKeys keys, WriterKeys writers, SecureRandom random) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(writers, "writers");
        Objects.requireNonNull(random, "random");
        return new WristbandSession(new TagChannel(channel, random), keys, writers);
    }

    /** Which chip this is ({@code GET_UID}, {@code GET_VERSION}); asked once per session. */
    public TagIdentity identify() {
        if (identity != null) {
            return identity;
        }
        TagUid uid;
        try {
            uid = tag.uid();
        } catch (ReaderException e) {
            return new TagIdentity.NoAnswer(unreadableReason(e), e.getMessage());
        }
        byte[] version;
        try {
            version = tag.getVersion();
        } catch (ReaderException e) {
            if (e.reason() == Reason.TAG_REMOVED || e.reason() == Reason.READER_FAILURE) {
                return new TagIdentity.NoAnswer(unreadableReason(e), e.getMessage());
            }
            identity = new TagIdentity.UnknownType(Optional.of(uid), new byte[0]);
            return identity;
        }
        Optional<ChipType> chip = ChipType.fromVersion(version);
        if (chip.isEmpty()) {
            identity = new TagIdentity.UnknownType(Optional.of(uid), version);
        } else if (!chip.get().holdsLayout()) {
            identity = new TagIdentity.Unsupported(
                    chip.get(),
                    uid,
                    "user memory ends at page %d, the layout needs pages up to %d"
                            .formatted(chip.get().lastUserPage(), WristbandLayout.LAYOUT_END_PAGE - 1));
        } else {
            identity = new TagIdentity.Identified(chip.get(), uid);
        }
        return identity;
    }

    /**
     * Reads and judges the wristband. Anything but {@code Valid} or {@code Blank} is read twice
     * more: a one-off garbled answer is then read past, an answer that keeps changing is
     * {@code Unreadable(UNSTABLE_READ)}.
     */
    public TagReading read() {
        lastReading = null;
        lastImage = null;
        TagIdentity id = identify();
        if (!(id instanceof TagIdentity.Identified identified)) {
            return notAWristband(id);
        }
        ChipType chip = identified.chip();
        TagUid uid = identified.uid();
        try {
            if (chip.profile() == WristbandProfile.AES_CLASS && !authenticated) {
                Optional<TagReading> refused = authenticateForRead(uid);
                if (refused.isPresent()) {
                    return refused.get();
                }
            }
            TagImage image = readImage(chip, uid);
            TagReading reading = TagAssessment.assess(image, writers);
            if (!(reading instanceof TagReading.Valid) && !(reading instanceof TagReading.Blank)) {
                TagImage second = readImage(chip, uid);
                TagImage third = readImage(chip, uid);
                if (!sameImage(second, third)) {
                    return new TagReading.Unreadable(
                            UnreadableReason.UNSTABLE_READ, Optional.of(uid), "three reads gave different bytes");
                }
                if (!sameImage(image, second)) {
                    reading = TagAssessment.assess(second, writers);
                    image = second;
                }
            }
            lastReading = reading;
            lastImage = image;
            return reading;
        } catch (ReaderException e) {
            return new TagReading.Unreadable(unreadableReason(e), Optional.of(uid), e.getMessage());
        }
    }

    /**
     * The state before the newest one, as the last {@link #read()} found it in the other slot
     * (verified: signed by a known writer for this UID), while no later write has overwritten it.
     * Lets a terminal whose own write was interrupted tell whether that write landed before the
     * newest state was written on top of it. Empty when the other slot is blank, torn or not
     * verified, or nothing was read.
     */
    public Optional<ChipState> olderState() {
        TagImage image = lastImage;
        TagReading reading = lastReading;
        if (image == null || reading == null || reading.lastKnownState().isEmpty()) {
            return Optional.empty();
        }
        long newest = reading.lastKnownState().get().generation();
        Optional<ChipState> older = Optional.empty();
        for (Slot slot : Slot.values()) {
            if (ChipStateCodec.verify(image.slot(slot), image.uid(), writers)
                            instanceof io.fcs.protocol.tag.SlotVerdict.Verified verified
                    && verified.state().generation() < newest
                    && (older.isEmpty()
                            || verified.state().generation() > older.get().generation())) {
                older = Optional.of(verified.state());
            }
        }
        return older;
    }

    /**
     * Writes a new state into the slot not holding the newest one and (AES class) increments the
     * counter to the value it binds. Needs a {@link #read()} in this session that answered
     * {@code Valid}, formatted {@code Blank} or {@code Torn}. After {@code Written}, further writes
     * in the same session are allowed; after {@code Interrupted}, read again.
     */
    public WriteOutcome write(ChipContent content, TerminalId writer, SigningKey writerKey) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(writerKey, "writerKey");
        TagReading reading = lastReading;
        if (reading == null) {
            return new WriteOutcome.Refused(Refusal.NOT_READ, "read the wristband in this session first");
        }
        if (!content.festival().equals(keys.festival())) {
            return new WriteOutcome.Refused(
                    Refusal.WRONG_FESTIVAL, "content for " + content.festival() + ", keys of " + keys.festival());
        }
        ChipState previous;
        long counter;
        Slot slot;
        boolean pendingIncrement = false;
        TagUid uid;
        ChipType chip;
        switch (reading) {
            case TagReading.Valid v -> {
                previous = v.state();
                counter = v.chipCounter();
                slot = v.nextWriteSlot();
                uid = v.uid();
                chip = v.chip();
            }
            case TagReading.Torn t -> {
                previous = t.recovered().orElse(null);
                counter = t.chipCounter();
                slot = t.nextWriteSlot();
                pendingIncrement = t.kind() == TearKind.COUNTER_NOT_INCREMENTED;
                uid = t.uid();
                chip = t.chip();
            }
            case TagReading.Blank b -> {
                if (!b.formatted()) {
                    return new WriteOutcome.Refused(Refusal.NOT_INITIALISED, "initialise the wristband first");
                }
                previous = null;
                counter = b.chipCounter();
                slot = b.nextWriteSlot();
                uid = b.uid();
                chip = b.chip();
            }
            default -> {
                return new WriteOutcome.Refused(
                        Refusal.NOT_WRITABLE,
                        "last reading was " + reading.getClass().getSimpleName());
            }
        }
        if (previous != null && !previous.wallet().equals(content.wallet())) {
            return new WriteOutcome.Refused(
                    Refusal.WRONG_WALLET,
                    "chip holds wallet " + previous.wallet() + ", content is for " + content.wallet());
        }
        long generation = previous == null ? 1 : previous.generation() + 1;
        boolean aes = chip.profile() == WristbandProfile.AES_CLASS;
        long base = pendingIncrement ? counter + 1 : counter;
        long bound = aes ? base + 1 : counter;
        if (generation > ChipState.MAX_GENERATION || bound > WristbandLayout.COUNTER_MAX) {
            return new WriteOutcome.Refused(
                    Refusal.EXHAUSTED, "generation " + generation + ", counter " + bound + ": retire this wristband");
        }
        ChipState state = new ChipState(generation, bound, writer, content);
        byte[] slotBytes = ChipStateCodec.encodeSigned(state, uid, writerKey);

        lastReading = null;
        WriteStep step = WriteStep.COMPLETING_PREVIOUS_INCREMENT;
        int pagesWritten = 0;
        try {
            if (aes && pendingIncrement) {
                tag.incrementCounter(WristbandLayout.AES_ONE_WAY_COUNTER, 1);
            }
            step = WriteStep.WRITING_SLOT;
            int first = slot.firstPage();
            tag.writePage(first, new byte[WristbandLayout.PAGE_SIZE]);
            pagesWritten++;
            for (int page = 1; page < WristbandLayout.SLOT_PAGES; page++) {
                tag.writePage(first + page, page(slotBytes, page));
                pagesWritten++;
            }
            tag.writePage(first, page(slotBytes, 0));
            pagesWritten++;
            step = WriteStep.INCREMENTING_COUNTER;
            if (aes) {
                tag.incrementCounter(WristbandLayout.AES_ONE_WAY_COUNTER, 1);
            }
        } catch (ReaderException e) {
            return new WriteOutcome.Interrupted(step, pagesWritten, state, e.getMessage());
        }
        lastReading = new TagReading.Valid(uid, chip, state, aes ? bound : counter, slot.other());
        return new WriteOutcome.Written(state);
    }

    /**
     * Encodes a blank tag: zeroes both slots; AES class: writes the diversified key, then
     * read-and-write protection from the header page on ({@code ACCESS}, then {@code AUTH0});
     * NTAG21x: enables the NFC counter; writes the header last, so that a tag with a header is
     * always completely set up and a tear at any step leaves a tag that can be initialised again.
     * Then authenticates afresh and reads everything back. Refuses a tag that already carries the
     * layout.
     */
    public InitialiseOutcome initialise() {
        TagIdentity id = identify();
        if (!(id instanceof TagIdentity.Identified identified)) {
            return new InitialiseOutcome.Refused(InitialiseOutcome.Reason.UNSUPPORTED_TAG, String.valueOf(id));
        }
        ChipType chip = identified.chip();
        TagUid uid = identified.uid();
        boolean aes = chip.profile() == WristbandProfile.AES_CLASS;
        String step = "authenticate";
        try {
            if (aes && !authenticated) {
                try {
                    tag.authenticate(keys.keyFor(uid));
                } catch (ReaderException ours) {
                    if (!isRefusal(ours)) {
                        throw ours;
                    }
                    try {
                        tag.authenticate(WristbandKeys.FACTORY_KEY);
                    } catch (ReaderException factory) {
                        if (!isRefusal(factory)) {
                            throw factory;
                        }
                        if (!openWithoutAuthentication()) {
                            return new InitialiseOutcome.Refused(
                                    InitialiseOutcome.Reason.FOREIGN_KEY,
                                    "neither the festival key nor the factory key, and the pages are protected");
                        }
                    }
                }
                authenticated = true;
            }
            step = "read";
            byte[] layout = tag.readPages(WristbandLayout.HEADER_PAGE, LAYOUT_PAGES);
            if (WristbandLayout.isHeader(Arrays.copyOf(layout, WristbandLayout.PAGE_SIZE), chip.profile())) {
                return new InitialiseOutcome.Refused(
                        InitialiseOutcome.Reason.ALREADY_INITIALISED, "wristband " + uid.hex() + " is already encoded");
            }
            step = "zero slots";
            for (int i = 1; i < LAYOUT_PAGES; i++) {
                byte[] current = Arrays.copyOfRange(layout, i * 4, i * 4 + 4);
                if (!Arrays.equals(current, new byte[4])) {
                    tag.writePage(WristbandLayout.HEADER_PAGE + i, new byte[4]);
                }
            }
            if (aes) {
                step = "key";
                byte[] key = keys.keyFor(uid);
                for (int i = 0; i < WristbandLayout.AES_KEY_PAGES; i++) {
                    tag.writePage(WristbandLayout.AES_KEY_FIRST_PAGE + i, Arrays.copyOfRange(key, i * 4, i * 4 + 4));
                }
                step = "access";
                tag.writePage(WristbandLayout.AES_CFG1_PAGE, new byte[] {(byte) WristbandLayout.ACCESS_PROT, 0, 0, 0});
                step = "auth0";
                tag.writePage(WristbandLayout.AES_CFG0_PAGE, new byte[] {0, 0, 0, (byte) WristbandLayout.HEADER_PAGE});
            } else {
                step = "nfc counter";
                int cfg1 = WristbandLayout.ntagCfg0Page(chip) + 1;
                byte[] access = Arrays.copyOf(tag.readFourPages(cfg1), 4);
                access[WristbandLayout.CFG1_ACCESS] |= (byte) WristbandLayout.ACCESS_NFC_CNT_EN;
                tag.writePage(cfg1, access);
            }
            authenticated = false;
            lastReading = null;
            if (aes) {
                step = "authenticate with the new key";
                tag.authenticate(keys.keyFor(uid));
                authenticated = true;
            }
            step = "header";
            tag.writePage(WristbandLayout.HEADER_PAGE, WristbandLayout.header(chip.profile()));
            step = "verify";
            if (aes) {
                byte[] cfg0 = tag.readFourPages(WristbandLayout.AES_CFG0_PAGE);
                if ((cfg0[WristbandLayout.CFG0_AUTH0] & 0xff) != WristbandLayout.HEADER_PAGE
                        || (cfg0[4 + WristbandLayout.CFG1_ACCESS] & WristbandLayout.ACCESS_PROT) == 0) {
                    return new InitialiseOutcome.Failed(
                            step, "protection did not take: CFG " + io.fcs.protocol.crypto.Bytes.hex(cfg0));
                }
            }
            TagReading check = TagAssessment.assess(readImage(chip, uid), writers);
            if (!(check instanceof TagReading.Blank blank) || !blank.formatted()) {
                return new InitialiseOutcome.Failed(step, "read back " + check);
            }
            lastReading = check;
            return new InitialiseOutcome.Initialised(chip, uid);
        } catch (ReaderException e) {
            return new InitialiseOutcome.Failed(step, e.getMessage());
        }
    }

    private Optional<TagReading> authenticateForRead(TagUid uid) throws ReaderException {
        try {
            tag.authenticate(keys.keyFor(uid));
            authenticated = true;
            return Optional.empty();
        } catch (ReaderException ours) {
            if (!isRefusal(ours)) {
                throw ours;
            }
        }
        try {
            tag.authenticate(WristbandKeys.FACTORY_KEY);
            authenticated = true;
            return Optional.empty();
        } catch (ReaderException factory) {
            if (!isRefusal(factory)) {
                throw factory;
            }
            if (openWithoutAuthentication()) {
                return Optional.empty();
            }
            return Optional.of(new TagReading.Unreadable(
                    UnreadableReason.AUTHENTICATION_FAILED,
                    Optional.of(uid),
                    "the wristband refused this festival's key: " + factory.getMessage()));
        }
    }

    /**
     * Whether the layout pages answer without authentication: an AES-class tag whose set-up was
     * interrupted before {@code AUTH0} (its key pages may be half written).
     */
    private boolean openWithoutAuthentication() throws ReaderException {
        try {
            tag.readFourPages(WristbandLayout.HEADER_PAGE);
            return true;
        } catch (ReaderException e) {
            if (e.reason() == Reason.STATUS || e.reason() == Reason.NAK) {
                return false;
            }
            throw e;
        }
    }

    private TagImage readImage(ChipType chip, TagUid uid) throws ReaderException {
        byte[] layout = tag.readPages(WristbandLayout.HEADER_PAGE, LAYOUT_PAGES);
        byte[] header = Arrays.copyOf(layout, WristbandLayout.PAGE_SIZE);
        int a = WristbandLayout.PAGE_SIZE;
        int b = a + WristbandLayout.SLOT_LENGTH;
        byte[] slotA = Arrays.copyOfRange(layout, a, b);
        byte[] slotB = Arrays.copyOfRange(layout, b, b + WristbandLayout.SLOT_LENGTH);
        long counter;
        if (chip.profile() == WristbandProfile.AES_CLASS) {
            counter = tag.readCounter(WristbandLayout.AES_ONE_WAY_COUNTER);
        } else {
            try {
                counter = tag.readCounter(WristbandLayout.NTAG_NFC_COUNTER);
            } catch (ReaderException e) {
                if (e.reason() != Reason.NAK || WristbandLayout.isHeader(header, chip.profile())) {
                    throw e;
                }
                counter = 0; // factory NTAG: NFC counter not enabled yet
            }
        }
        return new TagImage(chip, uid, header, slotA, slotB, counter);
    }

    private static boolean sameImage(TagImage x, TagImage y) {
        return x.chipCounter() == y.chipCounter()
                && Arrays.equals(x.header(), y.header())
                && Arrays.equals(x.slotA(), y.slotA())
                && Arrays.equals(x.slotB(), y.slotB());
    }

    private static byte[] page(byte[] bytes, int page) {
        return Arrays.copyOfRange(bytes, page * WristbandLayout.PAGE_SIZE, (page + 1) * WristbandLayout.PAGE_SIZE);
    }

    private static boolean isRefusal(ReaderException e) {
        return e.reason() == Reason.NAK || e.reason() == Reason.AUTHENTICATION;
    }

    private static TagReading notAWristband(TagIdentity id) {
        return switch (id) {
            case TagIdentity.NoAnswer n -> new TagReading.Unreadable(n.reason(), Optional.empty(), n.detail());
            case TagIdentity.UnknownType u ->
                new TagReading.Unreadable(
                        UnreadableReason.UNKNOWN_TAG_TYPE,
                        u.uid(),
                        "GET_VERSION " + io.fcs.protocol.crypto.Bytes.hex(u.version()));
            case TagIdentity.Unsupported u ->
                new TagReading.Unreadable(
                        UnreadableReason.UNSUPPORTED_CHIP, Optional.of(u.uid()), u.chip() + ": " + u.reason());
            case TagIdentity.Identified i -> throw new IllegalStateException("identified tag " + i + " has no refusal");
        };
    }

    static UnreadableReason unreadableReason(ReaderException e) {
        return switch (e.reason()) {
            case TAG_REMOVED -> UnreadableReason.TAG_REMOVED;
            case READER_FAILURE -> UnreadableReason.READER_FAILURE;
            case AUTHENTICATION -> UnreadableReason.AUTHENTICATION_FAILED;
            default -> UnreadableReason.BAD_RESPONSE;
        };
    }
}
