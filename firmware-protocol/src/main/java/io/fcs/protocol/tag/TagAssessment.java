package io.fcs.protocol.tag;

import io.fcs.protocol.tag.SlotVerdict.StateDefect;
import io.fcs.protocol.tag.TagReading.ForgeryReason;
import io.fcs.protocol.tag.TagReading.ForkReason;
import io.fcs.protocol.tag.TagReading.TearKind;
import io.fcs.protocol.tag.TagReading.UnreadableReason;
import io.fcs.protocol.tag.WristbandLayout.Slot;
import java.util.Optional;

/**
 * Turns a {@link TagImage} into a {@link TagReading}: decodes both slots, checks signatures,
 * picks the newest valid state and holds it against the chip's counter.
 *
 * <pre>
 *  slot A \ slot B     Empty            Incomplete               Verified(S)
 *  Empty               Blank            Torn(first write)        counter check of S
 *  Incomplete          Torn(first)      Forged(MALFORMED)        Torn(WRITE_INTERRUPTED, S)
 *  Verified(R)         counter of R     Torn(WRITE_INTERR., R)   newest by generation, then counter
 *
 *  counter check, newest state N, chip counter K:
 *    AES class: N.counter == K      -> Valid
 *               N.counter == K + 1  -> Torn(COUNTER_NOT_INCREMENTED, N)
 *               N.counter &lt;  K      -> RolledBack
 *               N.counter &gt;  K + 1  -> Forked(CHIP_COUNTER_BEHIND_STATE)   (a clone)
 *    NTAG21x:   N.counter &lt;= K      -> Valid (rollback not detectable on the chip)
 *               N.counter &gt;  K      -> Forked(CHIP_COUNTER_BEHIND_STATE)
 * </pre>
 *
 * A slot with a bad signature, an unknown writer or malformed bytes makes the reading
 * {@link TagReading.Forged} unless it claims an older generation than a verified slot (the state
 * before last, which the next write overwrites anyway).
 */
public final class TagAssessment {

    private TagAssessment() {}

    public static TagReading assess(TagImage image, WriterKeys writerKeys) {
        ChipType chip = image.chip();
        TagUid uid = image.uid();
        long counter = image.chipCounter();
        byte[] header = image.header();
        if (!WristbandLayout.isHeader(header, chip.profile())) {
            boolean slotsEmpty = ChipStateCodec.allZero(image.slotA(), 0, WristbandLayout.SLOT_LENGTH)
                    && ChipStateCodec.allZero(image.slotB(), 0, WristbandLayout.SLOT_LENGTH);
            boolean ourMagic = header[0] == WristbandLayout.MAGIC_0 && header[1] == WristbandLayout.MAGIC_1;
            if (slotsEmpty && !ourMagic) {
                return new TagReading.Blank(uid, chip, false, counter);
            }
            return new TagReading.Unreadable(
                    UnreadableReason.FOREIGN_LAYOUT,
                    Optional.of(uid),
                    "header page " + io.fcs.protocol.crypto.Bytes.hex(header) + " is not layout "
                            + WristbandLayout.LAYOUT_VERSION + " for " + chip.profile());
        }
        SlotVerdict a = ChipStateCodec.verify(image.slotA(), uid, writerKeys);
        SlotVerdict b = ChipStateCodec.verify(image.slotB(), uid, writerKeys);

        for (SlotVerdict verdict : new SlotVerdict[] {a, b}) {
            if (verdict instanceof SlotVerdict.Malformed m && m.defect() == StateDefect.UNKNOWN_VERSION) {
                return new TagReading.Unreadable(
                        UnreadableReason.UNSUPPORTED_STATE_VERSION, Optional.of(uid), m.detail());
            }
        }
        long newestVerified = Math.max(generationIfVerified(a), generationIfVerified(b));
        Optional<TagReading> forged = forgery(uid, chip, a, newestVerified, Slot.A);
        if (forged.isEmpty()) {
            forged = forgery(uid, chip, b, newestVerified, Slot.B);
        }
        if (forged.isPresent()) {
            return forged.get();
        }

        ChipState stateA = a instanceof SlotVerdict.Verified va ? va.state() : null;
        ChipState stateB = b instanceof SlotVerdict.Verified vb ? vb.state() : null;
        boolean incompleteA = a instanceof SlotVerdict.Incomplete;
        boolean incompleteB = b instanceof SlotVerdict.Incomplete;

        if (stateA == null && stateB == null) {
            if (incompleteA && incompleteB) {
                return new TagReading.Forged(uid, chip, ForgeryReason.MALFORMED, "both slots interrupted mid-write");
            }
            if (incompleteA || incompleteB) {
                Slot damaged = incompleteA ? Slot.A : Slot.B;
                return new TagReading.Torn(uid, chip, TearKind.WRITE_INTERRUPTED, Optional.empty(), counter, damaged);
            }
            return new TagReading.Blank(uid, chip, true, counter);
        }
        if (stateA != null && stateB != null) {
            if (stateA.generation() == stateB.generation()) {
                return new TagReading.Forked(uid, chip, ForkReason.SAME_GENERATION_TWICE, stateA, counter);
            }
            boolean aNewer = stateA.generation() > stateB.generation();
            ChipState newest = aNewer ? stateA : stateB;
            ChipState older = aNewer ? stateB : stateA;
            boolean increasing = chip.profile() == WristbandProfile.AES_CLASS
                    ? newest.chipCounter() > older.chipCounter()
                    : newest.chipCounter() >= older.chipCounter();
            if (!increasing) {
                return new TagReading.Forked(uid, chip, ForkReason.COUNTER_NOT_INCREASING, newest, counter);
            }
            return checkCounter(uid, chip, newest, counter, aNewer ? Slot.A : Slot.B, false);
        }
        ChipState only = stateA != null ? stateA : stateB;
        Slot holding = stateA != null ? Slot.A : Slot.B;
        boolean otherIncomplete = stateA != null ? incompleteB : incompleteA;
        return checkCounter(uid, chip, only, counter, holding, otherIncomplete);
    }

    private static TagReading checkCounter(
            TagUid uid, ChipType chip, ChipState newest, long counter, Slot holding, boolean otherSlotTorn) {
        long bound = newest.chipCounter();
        Slot next = holding.other();
        if (chip.profile() == WristbandProfile.AES_CLASS) {
            if (bound < counter) {
                return new TagReading.RolledBack(uid, chip, newest, counter);
            }
            if (bound == counter + 1) {
                return new TagReading.Torn(
                        uid, chip, TearKind.COUNTER_NOT_INCREMENTED, Optional.of(newest), counter, next);
            }
            if (bound > counter + 1) {
                return new TagReading.Forked(uid, chip, ForkReason.CHIP_COUNTER_BEHIND_STATE, newest, counter);
            }
        } else if (bound > counter) {
            return new TagReading.Forked(uid, chip, ForkReason.CHIP_COUNTER_BEHIND_STATE, newest, counter);
        }
        if (otherSlotTorn) {
            return new TagReading.Torn(uid, chip, TearKind.WRITE_INTERRUPTED, Optional.of(newest), counter, next);
        }
        return new TagReading.Valid(uid, chip, newest, counter, next);
    }

    private static Optional<TagReading> forgery(
            TagUid uid, ChipType chip, SlotVerdict verdict, long newestVerified, Slot slot) {
        if (verdict instanceof SlotVerdict.Malformed m) {
            return Optional.of(new TagReading.Forged(
                    uid, chip, ForgeryReason.MALFORMED, "slot " + slot + ": " + m.defect() + ": " + m.detail()));
        }
        if (verdict instanceof SlotVerdict.BadSignature bad && bad.claimed().generation() >= newestVerified) {
            return Optional.of(new TagReading.Forged(
                    uid,
                    chip,
                    ForgeryReason.BAD_SIGNATURE,
                    "slot " + slot + " generation " + bad.claimed().generation() + " claims writer "
                            + bad.claimed().writer()));
        }
        if (verdict instanceof SlotVerdict.UnknownWriter unknown
                && unknown.claimed().generation() >= newestVerified) {
            return Optional.of(new TagReading.Forged(
                    uid,
                    chip,
                    ForgeryReason.UNKNOWN_WRITER,
                    "slot " + slot + " generation " + unknown.claimed().generation() + " written by unknown terminal "
                            + unknown.claimed().writer()));
        }
        return Optional.empty();
    }

    private static long generationIfVerified(SlotVerdict verdict) {
        return verdict instanceof SlotVerdict.Verified verified
                ? verified.state().generation()
                : 0;
    }
}
