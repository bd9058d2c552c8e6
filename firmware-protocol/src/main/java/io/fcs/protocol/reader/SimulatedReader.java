package io.fcs.protocol.reader;

import java.util.Objects;
import java.util.Random;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * A contactless reader in memory behind the {@code javax.smartcardio} API. Present a
 * {@link SimulatedTag}, take it away, inject {@link Fault}s. Every APDU goes to
 * {@link SimulatedTag#respond}; faults act between the two.
 */
public final class SimulatedReader extends CardTerminal {

    /** ATR an ACR122U reports for an ISO 14443-3A tag (PC/SC part 3 storage card). */
    static final byte[] ATR_BYTES = {
        0x3B,
        (byte) 0x8F,
        (byte) 0x80,
        0x01,
        (byte) 0x80,
        0x4F,
        0x0C,
        (byte) 0xA0,
        0x00,
        0x00,
        0x03,
        0x06,
        0x03,
        0x00,
        0x03,
        0x00,
        0x00,
        0x00,
        0x00,
        0x68
    };

    private final String name;
    private final Object monitor;
    private final Random glitches;
    private SimulatedTag tag;
    private SimulatedCard card;
    private boolean unplugged;
    private boolean neverPresent;
    private boolean corruptNextRead;
    private boolean corruptEveryRead;
    private int tearAfterPages = -1;
    private boolean tearBeforeIncrement;
    private boolean tearAfterIncrement;
    private byte[] rollbackDump;
    private SimulatedTag rollbackTag;

    SimulatedReader(String name, Object monitor, long seed) {
        this.name = Objects.requireNonNull(name, "name");
        this.monitor = monitor;
        this.glitches = new Random(seed);
    }

    @Override
    public String getName() {
        return name;
    }

    /** Puts a tag on the reader (replacing any other). */
    public void present(SimulatedTag newTag) {
        Objects.requireNonNull(newTag, "tag");
        synchronized (monitor) {
            if (rollbackDump != null && rollbackTag == newTag) {
                newTag.restorePages(rollbackDump);
                rollbackDump = null;
                rollbackTag = null;
            }
            dropCard();
            tag = newTag;
            monitor.notifyAll();
        }
    }

    /** Takes the tag away; a connected card fails its next exchange as removed. */
    public void remove() {
        synchronized (monitor) {
            dropCard();
            tag = null;
            monitor.notifyAll();
        }
    }

    /** The tag on the reader, if any. */
    public java.util.Optional<SimulatedTag> tag() {
        synchronized (monitor) {
            return java.util.Optional.ofNullable(tag);
        }
    }

    public void inject(Fault fault) {
        inject(fault, 0);
    }

    /**
     * Arms a fault. {@code argument}: pages for {@link Fault#TEAR_AFTER_PAGE}, the clone's counter
     * for {@link Fault#CLONED_TAG}, ignored otherwise.
     */
    public void inject(Fault fault, int argument) {
        Objects.requireNonNull(fault, "fault");
        synchronized (monitor) {
            switch (fault) {
                case TEAR_AFTER_PAGE -> {
                    if (argument < 0) {
                        throw new IllegalArgumentException("pages before the tear must be >= 0, was " + argument);
                    }
                    tearAfterPages = argument;
                }
                case TEAR_BEFORE_INCREMENT -> tearBeforeIncrement = true;
                case TEAR_AFTER_INCREMENT -> tearAfterIncrement = true;
                case NEVER_PRESENT -> {
                    neverPresent = true;
                    dropCard();
                }
                case CORRUPT_READ -> corruptNextRead = true;
                case CORRUPT_EVERY_READ -> corruptEveryRead = true;
                case CLONED_TAG -> {
                    SimulatedTag original = requireTag(fault);
                    dropCard();
                    tag = original.cloneWithCounter(argument);
                }
                case ROLLED_BACK_DUMP -> {
                    SimulatedTag original = requireTag(fault);
                    rollbackDump = original.dumpPages();
                    rollbackTag = original;
                }
                case READER_UNPLUGGED -> {
                    unplugged = true;
                    dropCard();
                }
            }
            monitor.notifyAll();
        }
    }

    /** Disarms every fault and plugs the reader back in (a dump taken for a rollback is forgotten). */
    public void clearFaults() {
        synchronized (monitor) {
            unplugged = false;
            neverPresent = false;
            corruptNextRead = false;
            corruptEveryRead = false;
            tearAfterPages = -1;
            tearBeforeIncrement = false;
            tearAfterIncrement = false;
            rollbackDump = null;
            rollbackTag = null;
            monitor.notifyAll();
        }
    }

    boolean isPlugged() {
        synchronized (monitor) {
            return !unplugged;
        }
    }

    @Override
    public Card connect(String protocol) throws CardException {
        synchronized (monitor) {
            if (unplugged) {
                throw new CardException("SCARD_E_READER_UNAVAILABLE: " + name + " is unplugged");
            }
            if (!"*".equals(protocol) && !"T=1".equals(protocol) && !"T=CL".equals(protocol)) {
                throw new IllegalArgumentException("unsupported protocol " + protocol);
            }
            if (tag == null || neverPresent) {
                throw new CardNotPresentException("SCARD_E_NO_SMARTCARD: no tag on " + name);
            }
            if (card == null || card.closed) {
                tag.powerUp();
                card = new SimulatedCard(tag);
            }
            return card;
        }
    }

    @Override
    public boolean isCardPresent() throws CardException {
        synchronized (monitor) {
            requirePlugged();
            return tag != null && !neverPresent;
        }
    }

    @Override
    public boolean waitForCardPresent(long timeout) throws CardException {
        return waitFor(true, timeout);
    }

    @Override
    public boolean waitForCardAbsent(long timeout) throws CardException {
        return waitFor(false, timeout);
    }

    private boolean waitFor(boolean present, long timeout) throws CardException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must be >= 0, was " + timeout);
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeout);
        synchronized (monitor) {
            while (true) {
                requirePlugged();
                boolean isPresent = tag != null && !neverPresent;
                if (isPresent == present) {
                    return true;
                }
                long left = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (timeout != 0 && left <= 0) {
                    return false;
                }
                try {
                    monitor.wait(timeout == 0 ? 0 : Math.max(1, left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CardException("interrupted while waiting on " + name, e);
                }
            }
        }
    }

    private byte[] exchange(SimulatedCard from, byte[] apdu) throws CardException {
        synchronized (monitor) {
            requirePlugged();
            if (from.closed) {
                throw new IllegalStateException("card has been disconnected");
            }
            if (from != card || tag != from.tag) {
                throw new CardException("SCARD_W_REMOVED_CARD: the tag left " + name);
            }
            boolean pageWrite = isPageWrite(apdu);
            boolean increment = isNative(apdu, NativeCommand.INCR_CNT);
            if (pageWrite && tearAfterPages >= 0) {
                if (tearAfterPages == 0) {
                    tearAfterPages = -1;
                    tearNow();
                }
                tearAfterPages--;
            }
            if (increment && tearBeforeIncrement) {
                tearBeforeIncrement = false;
                tearNow();
            }
            byte[] response = tag.respond(apdu);
            if (increment && tearAfterIncrement) {
                tearAfterIncrement = false;
                tearNow();
            }
            if ((apdu[1] & 0xff) == ReaderCommands.INS_READ_BINARY && response.length > 2) {
                if (corruptNextRead || corruptEveryRead) {
                    corruptNextRead = false;
                    int bit = glitches.nextInt((response.length - 2) * 8);
                    response[bit / 8] ^= (byte) (1 << (bit % 8));
                }
            }
            return response;
        }
    }

    private void tearNow() throws CardException {
        remove();
        throw new CardException("SCARD_W_REMOVED_CARD: the tag left " + name);
    }

    private static boolean isPageWrite(byte[] apdu) {
        return (apdu.length > 1 && (apdu[1] & 0xff) == ReaderCommands.INS_UPDATE_BINARY)
                || isNative(apdu, NativeCommand.WRITE);
    }

    private static boolean isNative(byte[] apdu, NativeCommand command) {
        return apdu.length > 7 && (apdu[1] & 0xff) == ReaderCommands.INS_DIRECT && (apdu[7] & 0xff) == command.code();
    }

    private SimulatedTag requireTag(Fault fault) {
        if (tag == null) {
            throw new IllegalStateException(fault + " needs a tag on " + name);
        }
        return tag;
    }

    private void dropCard() {
        card = null;
    }

    private void requirePlugged() throws CardException {
        if (unplugged) {
            throw new CardException("SCARD_E_READER_UNAVAILABLE: " + name + " is unplugged");
        }
    }

    @Override
    public String toString() {
        return "SimulatedReader[" + name + "]";
    }

    /** The card a tag on this reader is, once connected. */
    final class SimulatedCard extends Card {
        private final SimulatedTag tag;
        private final SimulatedChannel channel = new SimulatedChannel(this);
        private volatile boolean closed;

        SimulatedCard(SimulatedTag tag) {
            this.tag = tag;
        }

        @Override
        public ATR getATR() {
            return new ATR(ATR_BYTES);
        }

        @Override
        public String getProtocol() {
            return "T=1";
        }

        @Override
        public CardChannel getBasicChannel() {
            requireOpen();
            return channel;
        }

        @Override
        public CardChannel openLogicalChannel() throws CardException {
            throw new CardException("a contactless storage tag has no logical channels");
        }

        @Override
        public void beginExclusive() throws CardException {
            requireOpen();
        }

        @Override
        public void endExclusive() throws CardException {
            requireOpen();
        }

        @Override
        public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
            throw new CardException("control code " + controlCode + " is not simulated");
        }

        @Override
        public void disconnect(boolean reset) throws CardException {
            closed = true;
        }

        private void requireOpen() {
            if (closed) {
                throw new IllegalStateException("card has been disconnected");
            }
        }

        byte[] exchange(byte[] apdu) throws CardException {
            return SimulatedReader.this.exchange(this, apdu);
        }
    }

    /** The basic channel of a simulated card. */
    static final class SimulatedChannel extends CardChannel {
        private final SimulatedCard card;

        SimulatedChannel(SimulatedCard card) {
            this.card = card;
        }

        @Override
        public Card getCard() {
            return card;
        }

        @Override
        public int getChannelNumber() {
            return 0;
        }

        @Override
        public ResponseAPDU transmit(CommandAPDU command) throws CardException {
            return new ResponseAPDU(card.exchange(command.getBytes()));
        }

        @Override
        public int transmit(java.nio.ByteBuffer command, java.nio.ByteBuffer response) throws CardException {
            byte[] apdu = new byte[command.remaining()];
            command.get(apdu);
            byte[] answer = card.exchange(apdu);
            response.put(answer);
            return answer.length;
        }

        @Override
        public void close() {
            throw new IllegalStateException("the basic channel cannot be closed");
        }

        @Override
        public String toString() {
            return "SimulatedChannel[0]";
        }
    }
}
