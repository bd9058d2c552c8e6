package io.fcs.terminal.device.nfc;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.reader.WristbandSession;
import io.fcs.protocol.reader.WriteOutcome;
import io.fcs.protocol.tag.ChipContent;
import io.fcs.protocol.tag.ChipFlag;
import io.fcs.protocol.tag.OfflineAllowance;
import io.fcs.protocol.tag.TagReading;
import io.fcs.protocol.tag.WristbandProfile;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A wristband seen through the protocol's {@link WristbandSession}: the chip's signed state is
 * judged there (signature, counter, two slots), and written there tear-safe and signed with this
 * terminal's key. This class only translates to the terminal's view of a chip.
 */
final class SessionWristband implements Wristband {

    private final WristbandSession session;
    private final String uid;
    private final TerminalId terminal;
    private final Ed25519.SigningKey key;
    private ChipContent lastContent;
    private boolean plainChip;

    SessionWristband(WristbandSession session, String uid, TerminalId terminal, Ed25519.SigningKey key) {
        this.session = session;
        this.uid = uid;
        this.terminal = terminal;
        this.key = key;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public ChipRead read() {
        TagReading reading = session.read();
        plainChip = switch (reading) {
            case TagReading.Valid valid -> valid.chip().profile() == WristbandProfile.NTAG21X;
            case TagReading.Torn torn -> torn.chip().profile() == WristbandProfile.NTAG21X;
            default -> false;
        };
        return switch (reading) {
            case TagReading.Valid valid -> valid(valid.state(), valid.chipCounter());
            case TagReading.Torn torn ->
                torn.recovered().isPresent()
                        ? valid(torn.recovered().get(), torn.chipCounter())
                        : new ChipRead.Unusable(ChipRead.Problem.BLANK, "first write was torn");
            case TagReading.Blank blank -> new ChipRead.Unusable(ChipRead.Problem.BLANK, "no state yet");
            case TagReading.RolledBack rolledBack ->
                new ChipRead.Unusable(
                        ChipRead.Problem.ROLLED_BACK,
                        "state binds counter " + rolledBack.state().chipCounter() + ", chip is at "
                                + rolledBack.chipCounter());
            case TagReading.Forked forked ->
                new ChipRead.Unusable(ChipRead.Problem.CLONED, forked.reason().name());
            case TagReading.Forged forged ->
                new ChipRead.Unusable(ChipRead.Problem.FORGED, forged.reason().name());
            case TagReading.Unreadable unreadable -> {
                if (unreadable.reason() == TagReading.UnreadableReason.READER_FAILURE) {
                    throw new ReaderUnavailableException(unreadable.detail(), null);
                }
                yield new ChipRead.Unusable(
                        ChipRead.Problem.UNREADABLE, unreadable.reason().name());
            }
        };
    }

    @Override
    public Optional<ChipState> previousState() {
        return session.olderState().map(older -> view(older, older.chipCounter()));
    }

    private ChipRead valid(io.fcs.protocol.tag.ChipState state, long chipCounter) {
        lastContent = state.content();
        return new ChipRead.Valid(view(state, chipCounter));
    }

    private static ChipState view(io.fcs.protocol.tag.ChipState state, long chipCounter) {
        OfflineAllowance offline = state.content().offline();
        return new ChipState(
                state.wallet().toString(),
                state.balance(),
                chipCounter,
                state.lastRecord().toString(),
                state.has(ChipFlag.BLOCKED),
                new ChipState.Offline(
                        offline.period(),
                        offline.spent().minor(),
                        offline.remaining().minor()),
                state.generation());
    }

    @Override
    public boolean plainChip() {
        return plainChip;
    }

    @Override
    public WriteResult write(ChipState next) {
        if (lastContent == null) {
            return WriteResult.REMOVED;
        }
        Set<ChipFlag> flags =
                lastContent.flags().isEmpty() ? EnumSet.noneOf(ChipFlag.class) : EnumSet.copyOf(lastContent.flags());
        if (next.blocked()) {
            flags.add(ChipFlag.BLOCKED);
        }
        ChipState.Offline offline = next.offline();
        if (offline.spentMinor() > 0) {
            flags.add(ChipFlag.OFFLINE_USED); // sold without the edge in the period the chip names
        } else {
            flags.remove(ChipFlag.OFFLINE_USED);
        }
        ChipContent content = lastContent
                .withBalance(next.balance(), RecordId.parse(next.lastRecordId()))
                .withFlags(flags)
                .withOffline(new OfflineAllowance(
                        offline.period(),
                        Money.of(offline.remainingMinor(), next.balance().currency()),
                        Money.of(offline.spentMinor(), next.balance().currency())));
        WriteOutcome outcome = session.write(content, terminal, key);
        return switch (outcome) {
            case WriteOutcome.Written written -> {
                lastContent = written.state().content();
                yield WriteResult.WRITTEN;
            }
            case WriteOutcome.Interrupted interrupted ->
                interrupted.pagesWritten() == 0 && interrupted.step() == WriteOutcome.WriteStep.WRITING_SLOT
                        ? WriteResult.REMOVED
                        : WriteResult.TORN;
            case WriteOutcome.Refused refused -> WriteResult.REMOVED;
        };
    }

    Optional<ChipContent> lastContent() {
        return Optional.ofNullable(lastContent);
    }
}
