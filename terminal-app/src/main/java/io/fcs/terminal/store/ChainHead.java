package io.fcs.terminal.store;

/** The newest record of this terminal's chain: the next one takes sequence + 1 and links to the hash. */
public record ChainHead(long sequence, byte[] hash) {

    public ChainHead {
        hash = hash.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }
}
