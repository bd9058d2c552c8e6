package io.fcs.terminal.device.nfc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.tag.TagUid;
import io.fcs.protocol.tag.WristbandKeys;
import io.fcs.protocol.tag.WriterKeys;
import io.fcs.protocol.testing.VirtualReaderPcscd;
import io.fcs.protocol.testing.VpcdCard;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.tap.Authoriser;
import io.fcs.terminal.tap.OfflinePolicy;
import io.fcs.terminal.tap.RecordDraft;
import io.fcs.terminal.tap.SignedRecordCodec;
import io.fcs.terminal.tap.StoreRecordBook;
import io.fcs.terminal.tap.TapOutcome;
import io.fcs.terminal.tap.WalletTaps;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real PC/SC stack: Debian's pcscd in the foreground with vsmartcard's virtual reader
 * driver (vpcd) on a free port, a simulated wristband plugged in as the virtual card, and the
 * terminal's reader adapter talking {@code javax.smartcardio} PC/SC to it.
 */
class PcscReaderIT {

    private static final FestivalId FESTIVAL = FestivalId.random();
    private static final TerminalId BAR = TerminalId.random();
    private static final Ed25519.SigningKey BAR_KEY = Ed25519.generate();

    @TempDir
    Path dir;

    private VirtualReaderPcscd pcscd;
    private VpcdCard card;
    private TerminalStore store;

    @BeforeEach
    void startPcscd() throws Exception {
        pcscd = VirtualReaderPcscd.start(dir, "Virtual PCD");
        store = TerminalStore.open(dir.resolve("store"));
        SimulatedTag tag = issuedWristband();
        card = VpcdCard.lay(tag, pcscd.port());
    }

    private SmartcardNfcReader.Keys keys() {
        return new SmartcardNfcReader.Keys(
                WristbandKeys.of(new byte[16], FESTIVAL),
                WriterKeys.of(Map.of(BAR, BAR_KEY.verificationKey())),
                BAR,
                BAR_KEY);
    }

    private SimulatedTag issuedWristband() {
        SimulatedNfcReader issuer = new SimulatedNfcReader(keys());
        SimulatedTag tag =
                issuer.issue(TagUid.fromHex("04c1d2e3f40506"), WalletId.random(), Money.eur(3000), BAR, BAR_KEY);
        issuer.device().remove();
        return tag;
    }

    @AfterEach
    void stop() throws Exception {
        if (card != null) {
            card.close();
        }
        if (pcscd != null) {
            pcscd.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aSaleReadsAndWritesTheWristbandThroughRealPcsc() throws Exception {
        SmartcardNfcReader reader = SmartcardNfcReader.pcsc("Virtual PCD", keys());
        for (int i = 0; i < 100 && !reader.present(); i++) {
            Thread.sleep(100);
        }
        assertThat(reader.present()).as("pcscd lists the virtual reader").isTrue();
        WalletTaps taps = new WalletTaps(
                reader,
                store,
                new StoreRecordBook(store, new SignedRecordCodec(BAR_KEY, FESTIVAL, BAR), () -> {}),
                Authoriser.offline(),
                new OfflinePolicy(Money.eur(5000), FestivalTime.of("Europe/Paris")),
                Clock.systemUTC(),
                Currency.EUR);

        TapOutcome sale = taps.pay(
                Money.eur(550),
                new WalletTaps.Context("Alice", "", List.of(new RecordDraft.Line("BEER", 1, 550)), ""),
                Duration.ofSeconds(10));
        WalletTaps.Readout after = taps.readout(Duration.ofSeconds(10)).orElseThrow();

        assertThat(sale).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> assertThat(ok.newBalance())
                .isEqualTo(Money.eur(2450)));
        assertThat(after.state().balance()).isEqualTo(Money.eur(2450));
        assertThat(after.uid()).isEqualTo("04c1d2e3f40506");
        assertThat(store.queueDepth()).isEqualTo(1);
        assertThat(card.apdus()).isPositive();
        reader.close();
    }
}
