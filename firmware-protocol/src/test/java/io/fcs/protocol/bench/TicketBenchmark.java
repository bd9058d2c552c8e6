package io.fcs.protocol.bench;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.ticket.Ticket;
import io.fcs.protocol.ticket.TicketIssuer;
import io.fcs.protocol.ticket.TicketVerification;
import io.fcs.protocol.ticket.TicketVerifier;
import io.fcs.protocol.ticket.ValidDays;
import io.fcs.protocol.ticket.Zones;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TicketId;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A gate verifying a scanned ticket text: Base45 decode, parse, key lookup, Ed25519 verify. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TicketBenchmark {

    private TicketVerifier verifier;
    private String text;

    @Setup
    public void setUp() {
        Ed25519.SigningKey ticketKey = Ed25519.SigningKey.fromSeed(Fixtures.seed(4));
        Ed25519.SigningKey previousKey = Ed25519.SigningKey.fromSeed(Fixtures.seed(5));
        FestivalId festival = FestivalId.of(new UUID(2, 2));
        LocalDate friday = LocalDate.of(2026, 7, 17);
        Ticket ticket = Ticket.of(
                        TicketId.of(new UUID(6, 6)),
                        festival,
                        3,
                        ValidDays.range(friday, friday.plusDays(2)),
                        Zones.of(0, 2))
                .withInitials("JMD");
        text = new TicketIssuer(ticketKey).issue(ticket);
        verifier = new TicketVerifier(festival, List.of(previousKey.verificationKey(), ticketKey.verificationKey()));
        if (!verifier.verify(text).isAuthentic()) {
            throw new IllegalStateException("benchmark ticket does not verify");
        }
    }

    @Benchmark
    public TicketVerification ticketVerify() {
        return verifier.verify(text);
    }
}
