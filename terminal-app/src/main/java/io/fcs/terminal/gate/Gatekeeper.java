package io.fcs.terminal.gate;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.terminal.device.nfc.ChipRead;
import io.fcs.terminal.device.nfc.NfcReader;
import io.fcs.terminal.device.nfc.ReaderUnavailableException;
import io.fcs.terminal.device.nfc.Wristband;
import io.fcs.terminal.store.CheckIn;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.tap.RecordBook;
import io.fcs.terminal.tap.RecordDraft;
import io.fcs.terminal.tap.RecordKind;
import io.fcs.terminal.tap.TapOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The gate's decisions, all on local data so it answers offline too: ticket signature, day and
 * zone (protocol verifier), revocations (deny list), passages here and broadcast by the other
 * gates (anti-passback: a ticket used at gate A is refused at gate B with where and when).
 * First entry by QR, then the wristband is bound; re-entry by wristband.
 */
public final class Gatekeeper implements GateDesk {

    private final TicketCheck tickets;
    private final NfcReader reader;
    private final TerminalStore store;
    private final RecordBook book;
    private final CheckInPublisher publisher;
    private final BooleanSupplier edgeConnected;
    private final FestivalTime festivalTime;
    private final String zoneId;
    private final String place;
    private final String terminalId;
    private final Clock clock;
    private final Currency currency;
    /** Null: a gate without a zone to ask, which decides alone and flags only when disconnected. */
    private final ZoneAdmission zone;

    private final java.util.function.LongSupplier clockSkewMillis;

    /** How long a gate waits for its zone's answer before deciding alone (decision 0250). */
    public static final Duration ZONE_WAIT = Duration.ofMillis(800);

    /** Beyond this skew from the edge's clock the gate does not decide alone (decision 0252). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(2);

    /** A gate deciding on its own knowledge only (no edge to ask). */
    public Gatekeeper(
            TicketCheck tickets,
            NfcReader reader,
            TerminalStore store,
            RecordBook book,
            CheckInPublisher publisher,
            BooleanSupplier edgeConnected,
            FestivalTime festivalTime,
            String zoneId,
            String place,
            String terminalId,
            Clock clock,
            Currency currency) {
        this(
                tickets,
                reader,
                store,
                book,
                publisher,
                edgeConnected,
                festivalTime,
                zoneId,
                place,
                terminalId,
                clock,
                currency,
                null,
                () -> 0);
    }

    /**
     * A gate that asks its zone first: {@code zone} answers ticket admissions for the whole zone;
     * {@code clockSkewMillis} is this terminal's clock minus the edge's (0 while unknown).
     */
    public Gatekeeper(
            TicketCheck tickets,
            NfcReader reader,
            TerminalStore store,
            RecordBook book,
            CheckInPublisher publisher,
            BooleanSupplier edgeConnected,
            FestivalTime festivalTime,
            String zoneId,
            String place,
            String terminalId,
            Clock clock,
            Currency currency,
            ZoneAdmission zone,
            java.util.function.LongSupplier clockSkewMillis) {
        this.zone = zone;
        this.clockSkewMillis = java.util.Objects.requireNonNull(clockSkewMillis, "clockSkewMillis");
        this.tickets = tickets;
        this.reader = reader;
        this.store = store;
        this.book = book;
        this.publisher = publisher;
        this.edgeConnected = edgeConnected;
        this.festivalTime = festivalTime;
        this.zoneId = zoneId;
        this.place = place;
        this.terminalId = terminalId;
        this.clock = clock;
        this.currency = currency;
    }

    @Override
    public GateOutcome scan(String qrText, boolean exit) {
        Instant now = clock.instant();
        TicketCheck.Result result = tickets.verify(qrText, festivalTime.festivalDay(now), zoneId);
        if (result instanceof TicketCheck.Invalid invalid) {
            return GateOutcome.Refused.of(invalid.reason());
        }
        TicketCheck.Valid ticket = (TicketCheck.Valid) result;
        if (store.ticketRevoked(ticket.ticketId()).isPresent()) {
            return GateOutcome.Refused.of(GateOutcome.Reason.REVOKED);
        }
        Optional<String> boundUid = store.wristbandOf(ticket.ticketId());
        if (boundUid.isPresent() && store.wristbandDenied(boundUid.get()).isPresent()) {
            return GateOutcome.Refused.of(GateOutcome.Reason.BLOCKED);
        }
        if (exit) {
            pass(ticket.ticketId(), boundUid.orElse(null), CheckIn.Direction.OUT, now);
            return new GateOutcome.Admitted(ticket.ticketId(), ticket.ticketType(), true, false, false, offline());
        }
        String recordId = RecordId.random().toString();
        if (zone == null) {
            return alone(ticket, boundUid, recordId, now, offline());
        }
        ZoneAdmission.Answer answer = edgeConnected.getAsBoolean()
                ? zone.ask(recordId, ticket.ticketId(), boundUid, place, now, ZONE_WAIT)
                : new ZoneAdmission.NoAnswer("offline");
        switch (answer) {
            case ZoneAdmission.Admitted admitted -> {
                pass(recordId, ticket.ticketId(), boundUid.orElse(null), CheckIn.Direction.IN, now, true);
                return new GateOutcome.Admitted(
                        ticket.ticketId(), ticket.ticketType(), false, boundUid.isEmpty(), admitted.reentry(), false);
            }
            case ZoneAdmission.Refused refused -> {
                return new GateOutcome.Refused(refused.reason(), refused.where(), refused.when());
            }
            case ZoneAdmission.NoAnswer noAnswer -> {
                // decided alone below, flagged offline
            }
        }
        if (Math.abs(clockSkewMillis.getAsLong()) > MAX_CLOCK_SKEW.toMillis()) {
            // the day check and the check-in time rest on this clock: not alone with a wrong one
            return GateOutcome.Refused.of(GateOutcome.Reason.CLOCK_WRONG);
        }
        return alone(ticket, boundUid, recordId, now, true);
    }

    /** The gate's own decision: its check-ins and the other gates' broadcasts. */
    private GateOutcome alone(
            TicketCheck.Valid ticket, Optional<String> boundUid, String recordId, Instant now, boolean flagged) {
        Optional<CheckIn> last = store.lastPassage(ticket.ticketId());
        if (last.isPresent() && last.get().direction() == CheckIn.Direction.IN) {
            CheckIn first = store.firstEntry(ticket.ticketId()).orElse(last.get());
            return new GateOutcome.Refused(
                    GateOutcome.Reason.ALREADY_USED, Optional.of(first.place()), Optional.of(first.at()));
        }
        pass(recordId, ticket.ticketId(), boundUid.orElse(null), CheckIn.Direction.IN, now, !flagged);
        return new GateOutcome.Admitted(
                ticket.ticketId(), ticket.ticketType(), false, boundUid.isEmpty(), last.isPresent(), flagged);
    }

    @Override
    public GateOutcome tapWristband(boolean exit, Duration wait) {
        return withBand(wait, band -> {
            String uid = band.uid();
            Optional<GateOutcome> refused = genuine(band);
            if (refused.isPresent()) {
                return refused.get();
            }
            Optional<String> ticketId = store.ticketOf(uid);
            if (ticketId.isEmpty()) {
                return GateOutcome.Refused.of(GateOutcome.Reason.NOT_BOUND);
            }
            if (store.ticketRevoked(ticketId.get()).isPresent()) {
                return GateOutcome.Refused.of(GateOutcome.Reason.REVOKED);
            }
            Instant now = clock.instant();
            Optional<CheckIn> last = store.lastPassage(ticketId.get());
            if (!exit && last.isPresent() && last.get().direction() == CheckIn.Direction.IN) {
                return new GateOutcome.Refused(
                        GateOutcome.Reason.ALREADY_INSIDE,
                        Optional.of(last.get().place()),
                        Optional.of(last.get().at()));
            }
            pass(ticketId.get(), uid, exit ? CheckIn.Direction.OUT : CheckIn.Direction.IN, now);
            return new GateOutcome.Admitted(ticketId.get(), "", exit, false, last.isPresent(), offline());
        });
    }

    @Override
    public GateOutcome bind(String ticketId, Duration wait) {
        return withBand(wait, band -> {
            String uid = band.uid();
            Optional<GateOutcome> refused = genuine(band);
            if (refused.isPresent()) {
                return refused.get();
            }
            Optional<String> existing = store.ticketOf(uid);
            if (existing.isPresent() && !existing.get().equals(ticketId)) {
                return GateOutcome.Refused.of(GateOutcome.Reason.NOT_BOUND);
            }
            Instant now = clock.instant();
            store.bind(uid, ticketId, now);
            book.commit(draft(RecordKind.BIND, uid, ticketId, now), Optional.empty());
            return new GateOutcome.Bound(ticketId, uid);
        });
    }

    @Override
    public GateCounters counters() {
        return new GateCounters(
                store.passages(terminalId, CheckIn.Direction.IN), store.passages(terminalId, CheckIn.Direction.OUT));
    }

    /** A passage broadcast by another gate of the zone. */
    public void otherGatePassed(CheckIn checkIn) {
        if (!checkIn.source().equals(terminalId)) {
            store.recordCheckIn(checkIn);
        }
    }

    private Optional<GateOutcome> genuine(Wristband band) {
        ChipRead read = band.read();
        if (read instanceof ChipRead.Unusable unusable) {
            switch (unusable.problem()) {
                case FORGED, CLONED, ROLLED_BACK -> {
                    store.denyWristband(band.uid(), unusable.problem().name());
                    return Optional.of(GateOutcome.Refused.of(GateOutcome.Reason.BLOCKED));
                }
                case UNREADABLE -> {
                    return Optional.of(GateOutcome.Refused.of(GateOutcome.Reason.UNREADABLE));
                }
                case BLANK -> {
                    // a new wristband: fine at the gate, it gets bound
                }
            }
        } else if (((ChipRead.Valid) read).state().blocked()) {
            return Optional.of(GateOutcome.Refused.of(GateOutcome.Reason.BLOCKED));
        }
        if (store.wristbandDenied(band.uid()).isPresent()) {
            return Optional.of(GateOutcome.Refused.of(GateOutcome.Reason.BLOCKED));
        }
        return Optional.empty();
    }

    private void pass(String ticketId, String uid, CheckIn.Direction direction, Instant now) {
        CheckIn checkIn = new CheckIn(ticketId, uid, place, now, direction, terminalId);
        // the passage and its signed record in one transaction: one commit per scan
        book.commit(draft(RecordKind.CHECKIN, uid, ticketId, now), Optional.empty(), RecordBook.Also.checkIn(checkIn));
        publisher.published(checkIn);
    }

    /**
     * An entry by ticket: the record's id is the correlation id the zone was asked with, and its
     * authority says who decided (the edge, or this gate alone: flagged for reconciliation).
     */
    private void pass(
            String recordId, String ticketId, String uid, CheckIn.Direction direction, Instant now, boolean byEdge) {
        CheckIn checkIn = new CheckIn(ticketId, uid, place, now, direction, terminalId);
        RecordDraft draft = new RecordDraft(
                recordId,
                RecordKind.CHECKIN,
                uid,
                "",
                Money.zero(currency),
                null,
                List.of(),
                0,
                0,
                byEdge ? TapOutcome.Authority.EDGE : TapOutcome.Authority.OFFLINE,
                place,
                "",
                ticketId,
                now);
        book.commit(draft, Optional.empty(), RecordBook.Also.checkIn(checkIn));
        publisher.published(checkIn);
    }

    private RecordDraft draft(RecordKind kind, String uid, String ticketId, Instant now) {
        return new RecordDraft(
                RecordId.random().toString(),
                kind,
                uid,
                "",
                Money.zero(currency),
                null,
                List.of(),
                0,
                0,
                null,
                place,
                "",
                ticketId,
                now);
    }

    private boolean offline() {
        return !edgeConnected.getAsBoolean();
    }

    private GateOutcome withBand(Duration wait, java.util.function.Function<Wristband, GateOutcome> work) {
        try {
            return reader.withWristband(wait, work).orElse(GateOutcome.Refused.of(GateOutcome.Reason.NO_WRISTBAND));
        } catch (ReaderUnavailableException e) {
            return GateOutcome.Refused.of(GateOutcome.Reason.READER_UNAVAILABLE);
        }
    }
}
