package io.fcs.protocol.tag;

import java.util.Objects;

/**
 * What a reader got from a wristband in one tap: its type and UID, the header page, both slots
 * and the chip's counter. {@link TagAssessment#assess} turns it into a {@link TagReading}.
 */
public record TagImage(ChipType chip, TagUid uid, byte[] header, byte[] slotA, byte[] slotB, long chipCounter) {

    public TagImage {
        Objects.requireNonNull(chip, "chip");
        Objects.requireNonNull(uid, "uid");
        header = requireLength("header", header, WristbandLayout.PAGE_SIZE);
        slotA = requireLength("slot A", slotA, WristbandLayout.SLOT_LENGTH);
        slotB = requireLength("slot B", slotB, WristbandLayout.SLOT_LENGTH);
        if (chipCounter < 0 || chipCounter > WristbandLayout.COUNTER_MAX) {
            throw new IllegalArgumentException(
                    "chip counter must be 0.." + WristbandLayout.COUNTER_MAX + ", was " + chipCounter);
        }
    }

    public byte[] slot(WristbandLayout.Slot slot) {
        return slot == WristbandLayout.Slot.A ? slotA.clone() : slotB.clone();
    }

    @Override
    public byte[] header() {
        return header.clone();
    }

    @Override
    public byte[] slotA() {
        return slotA.clone();
    }

    @Override
    public byte[] slotB() {
        return slotB.clone();
    }

    private static byte[] requireLength(String what, byte[] bytes, int length) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException(
                    what + " must be " + length + " bytes, was " + (bytes == null ? "missing" : bytes.length));
        }
        return bytes.clone();
    }
}
