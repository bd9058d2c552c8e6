package io.fcs.system.simulation;

import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.value.WalletId;

/** Someone with a wristband walking the festival; a fraudster is one holding a copy of another's. */
final class Attendee {

    final int index;
    final SimulatedTag tag;
    final String uidHex;
    final WalletId wallet;
    final boolean fraudster;
    int zone;
    boolean busy;
    long knownBalance;
    SimTerminal tapAgainAt;
    byte[] dump;
    int actionsLeft = Integer.MAX_VALUE;

    Attendee(int index, SimulatedTag tag, WalletId wallet, int zone, boolean fraudster) {
        this.index = index;
        this.tag = tag;
        this.uidHex = tag.uid().hex();
        this.wallet = wallet;
        this.zone = zone;
        this.fraudster = fraudster;
    }

    String label() {
        return (fraudster ? "F" : "A") + index;
    }
}
