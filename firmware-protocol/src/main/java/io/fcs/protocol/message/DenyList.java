package io.fcs.protocol.message;

import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Wristbands, wallets and terminals that must be refused, versioned. A {@link ListMode#FULL} list
 * replaces what the receiver holds; a {@link ListMode#DELTA} applies only on top of exactly
 * {@code baseVersion}.
 *
 * @param baseVersion 0 for a full list; for a delta, the version it applies to (1..version-1)
 */
public record DenyList(long version, ListMode mode, long baseVersion, List<Entry> entries) implements Message {

    public static final int MAX_ENTRIES = 1_000_000;

    public DenyList {
        Objects.requireNonNull(mode, "mode");
        entries = Fields.list("entries", entries, MAX_ENTRIES);
        Versioning.check(version, mode, baseVersion, entries.stream().anyMatch(e -> e.action() == ListAction.REMOVE));
    }

    public static DenyList full(long version, List<Entry> entries) {
        return new DenyList(version, ListMode.FULL, 0, entries);
    }

    public static DenyList delta(long baseVersion, long version, List<Entry> entries) {
        return new DenyList(version, ListMode.DELTA, baseVersion, entries);
    }

    /** What is denied: a wristband by UID, a wallet (every wristband of it), or a terminal (its records). */
    public sealed interface Subject permits Wristband, Wallet, Terminal {}

    public record Wristband(OpaqueBytes uid) implements Subject {
        public Wristband {
            Fields.bytes("wristband uid", uid, AuthorisationRequest.MIN_UID_BYTES, AuthorisationRequest.MAX_UID_BYTES);
        }
    }

    public record Wallet(WalletId walletId) implements Subject {
        public Wallet {
            Objects.requireNonNull(walletId, "walletId");
        }
    }

    public record Terminal(TerminalId terminalId) implements Subject {
        public Terminal {
            Objects.requireNonNull(terminalId, "terminalId");
        }
    }

    public record Entry(Subject subject, ListAction action, Reason reason) {
        public Entry {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
        }

        public static Entry add(Subject subject, Reason reason) {
            return new Entry(subject, ListAction.ADD, reason);
        }
    }

    /** Why something is denied; shown to staff at the refusal. */
    public enum Reason {
        LOST(0x01),
        STOLEN(0x02),
        FRAUD(0x03),
        /** A chip counter fork or a rolled-back dump was seen. */
        CLONE_DETECTED(0x04),
        /** The wallet was refunded or closed. */
        REFUNDED(0x05),
        /** The wristband was replaced by another one. */
        REPLACED(0x06),
        /** The terminal's enrolment was revoked. */
        REVOKED(0x07),
        OTHER(0x08);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Optional<Reason> fromCode(int code) {
            for (Reason reason : values()) {
                if (reason.code == code) {
                    return Optional.of(reason);
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public MessageType type() {
        return MessageType.DENY_LIST;
    }
}
