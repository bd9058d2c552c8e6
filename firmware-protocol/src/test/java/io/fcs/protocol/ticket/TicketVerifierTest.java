package io.fcs.protocol.ticket;

import static io.fcs.protocol.ticket.TicketExamples.FESTIVAL;
import static io.fcs.protocol.ticket.TicketExamples.NEXT_TICKET_KEY;
import static io.fcs.protocol.ticket.TicketExamples.OTHER_FESTIVAL;
import static io.fcs.protocol.ticket.TicketExamples.STRANGER_KEY;
import static io.fcs.protocol.ticket.TicketExamples.TICKET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketVerifierTest {

    private final TicketIssuer issuer = new TicketIssuer(TICKET_KEY);
    private final TicketVerifier verifier = new TicketVerifier(FESTIVAL, List.of(TICKET_KEY.verificationKey()));

    @Test
    void anIssuedTicketIsAuthenticAndReadsBackTheSame() {
        Ticket ticket = TicketExamples.weekend();
        String text = issuer.issue(ticket);

        assertThat(verifier.verify(text))
                .isEqualTo(new TicketVerification.Authentic(ticket, TICKET_KEY.verificationKey()));
    }

    @Test
    void aTicketTextStartsWithTheSchemeTagAndFitsQrVersionTenAtLevelM() {
        String longest = issuer.issue(TicketExamples.weekend());
        String shortest = issuer.issue(TicketExamples.saturday());

        assertThat(longest)
                .startsWith("FT1:")
                .hasSize(TicketCodec.MAX_TEXT_LENGTH)
                .matches("[0-9A-Z $%*+\\-./:]+");
        assertThat(shortest).hasSize(4 + Base45.encodedLength(TicketCodec.MIN_LENGTH));
        // QR version 10, level M: 311 alphanumeric characters (ISO/IEC 18004 table 7)
        assertThat(TicketCodec.MAX_TEXT_LENGTH).isLessThanOrEqualTo(311);
    }

    @Test
    void whatAWedgeScannerAddsAroundTheCodeIsIgnored() {
        String text = issuer.issue(TicketExamples.saturday());

        assertThat(verifier.verify(" " + text + "\r\n").isAuthentic()).isTrue();
        assertThat(verifier.verify("\t" + text + "\t").isAuthentic()).isTrue();
    }

    @Test
    void ticketsOfTheOldAndTheNewKeyAreBothAuthenticDuringARotation() {
        TicketVerifier overlap =
                new TicketVerifier(FESTIVAL, List.of(TICKET_KEY.verificationKey(), NEXT_TICKET_KEY.verificationKey()));

        assertThat(overlap.verify(issuer.issue(TicketExamples.weekend())).isAuthentic())
                .isTrue();
        assertThat(overlap.verify(new TicketIssuer(NEXT_TICKET_KEY).issue(TicketExamples.weekend())))
                .isEqualTo(
                        new TicketVerification.Authentic(TicketExamples.weekend(), NEXT_TICKET_KEY.verificationKey()));
    }

    @Test
    void aTicketOfAnUntrustedKeyIsRefusedAsUnknownKey() {
        assertRefused(
                verifier.verify(new TicketIssuer(STRANGER_KEY).issue(TicketExamples.weekend())),
                TicketRefusal.UNKNOWN_KEY);
    }

    @Test
    void aTicketSignedByAnotherKeyClaimingATrustedKeyIdIsForged() {
        byte[] forged = new TicketIssuer(STRANGER_KEY).issueBytes(TicketExamples.weekend());
        int trustedId = TicketCodec.keyId(TICKET_KEY.verificationKey());
        forged[1] = (byte) (trustedId >>> 24);
        forged[2] = (byte) (trustedId >>> 16);
        forged[3] = (byte) (trustedId >>> 8);
        forged[4] = (byte) trustedId;

        assertRefused(verifier.verify(forged), TicketRefusal.FORGED);
    }

    @Test
    void aChangedZoneMaskIsForged() {
        byte[] bytes = issuer.issueBytes(TicketExamples.saturday());
        bytes[TicketCodec.OFFSET_ZONE_MASK + 3] = (byte) 0xff;

        assertRefused(verifier.verify(bytes), TicketRefusal.FORGED);
        assertRefused(verifier.verify(TicketCodec.toText(bytes)), TicketRefusal.FORGED);
    }

    @Test
    void anAuthenticTicketOfAnotherFestivalIsRefusedAsWrongFestival() {
        TicketVerifier otherGate = new TicketVerifier(OTHER_FESTIVAL, List.of(TICKET_KEY.verificationKey()));

        assertRefused(otherGate.verify(issuer.issue(TicketExamples.weekend())), TicketRefusal.WRONG_FESTIVAL);
    }

    @Test
    void anotherLayoutVersionIsUnsupported() {
        byte[] bytes = issuer.issueBytes(TicketExamples.saturday());
        bytes[0] = 2;

        assertRefused(verifier.verify(bytes), TicketRefusal.UNSUPPORTED_VERSION);
        assertRefused(verifier.verify(TicketCodec.toText(bytes)), TicketRefusal.UNSUPPORTED_VERSION);
    }

    @Test
    void textThatIsNotATicketIsMalformed() {
        String text = issuer.issue(TicketExamples.weekend());
        for (String bad : new String[] {
            null,
            "",
            "FT1:",
            "FT2:" + text.substring(4),
            text.substring(4),
            text.toLowerCase(java.util.Locale.ROOT),
            text + "A",
            text + "AAA",
            text.substring(0, text.length() - 3),
            text.replace('A', '#'),
            "FT1:" + "0".repeat(400)
        }) {
            assertRefused(verifier.verify(bad), TicketRefusal.MALFORMED);
        }
    }

    @Test
    void everyTruncationAndAnyTrailingByteIsMalformed() {
        byte[] bytes = issuer.issueBytes(TicketExamples.weekend());
        for (int length = 1; length < bytes.length; length++) {
            assertRefused(verifier.verify(Arrays.copyOf(bytes, length)), TicketRefusal.MALFORMED);
        }
        assertRefused(verifier.verify(new byte[0]), TicketRefusal.MALFORMED);
        assertRefused(verifier.verify((byte[]) null), TicketRefusal.MALFORMED);
        assertRefused(verifier.verify(Arrays.copyOf(bytes, bytes.length + 1)), TicketRefusal.MALFORMED);
    }

    @Test
    void badFieldValuesAreMalformed() {
        byte[] initialsTooLong = issuer.issueBytes(TicketExamples.weekend());
        initialsTooLong[TicketCodec.OFFSET_INITIALS_LENGTH] = 4;
        assertRefused(verifier.verify(initialsTooLong), TicketRefusal.MALFORMED);

        byte[] lowerCaseInitials = issuer.issueBytes(TicketExamples.weekend());
        lowerCaseInitials[TicketCodec.OFFSET_INITIALS] = 'j';
        assertRefused(verifier.verify(lowerCaseInitials), TicketRefusal.MALFORMED);

        byte[] noZone = issuer.issueBytes(TicketExamples.saturday());
        Arrays.fill(noZone, TicketCodec.OFFSET_ZONE_MASK, TicketCodec.OFFSET_ZONE_MASK + 4, (byte) 0);
        assertRefused(verifier.verify(noZone), TicketRefusal.MALFORMED);

        byte[] firstDayNotValid = issuer.issueBytes(TicketExamples.saturday());
        firstDayNotValid[TicketCodec.OFFSET_DAY_MASK + 3] = 2;
        assertRefused(verifier.verify(firstDayNotValid), TicketRefusal.MALFORMED);
    }

    @Test
    void theKeyIdIsTheStartOfTheKeysFingerprint() {
        assertThat("%08x".formatted(issuer.keyId()))
                .isEqualTo(TICKET_KEY.verificationKey().fingerprint().substring(0, 8));
        assertThat(issuer.verificationKey()).isEqualTo(TICKET_KEY.verificationKey());
    }

    @Test
    void aVerifierTrustingNoKeyRefusesEveryTicketAsUnknownKey() {
        TicketVerifier none = new TicketVerifier(FESTIVAL, List.<Ed25519.VerificationKey>of());

        assertRefused(none.verify(issuer.issue(TicketExamples.weekend())), TicketRefusal.UNKNOWN_KEY);
    }

    @Test
    void everyTicketRefusalHasAnAdmissionReasonAndCodesRoundTrip() {
        for (TicketRefusal refusal : TicketRefusal.values()) {
            assertThat(TicketRefusal.fromCode(refusal.code())).isEqualTo(refusal);
            assertThat(refusal.admission().name()).isEqualTo(refusal.name());
        }
        for (AdmissionRefusal refusal : AdmissionRefusal.values()) {
            assertThat(AdmissionRefusal.fromCode(refusal.code())).isEqualTo(refusal);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdmissionRefusal.fromCode(11))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TicketRefusal.fromCode(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefused(TicketVerification verification, TicketRefusal reason) {
        assertThat(verification)
                .isInstanceOfSatisfying(TicketVerification.Refused.class, refused -> assertThat(refused.reason())
                        .as(refused.detail())
                        .isEqualTo(reason));
    }
}
