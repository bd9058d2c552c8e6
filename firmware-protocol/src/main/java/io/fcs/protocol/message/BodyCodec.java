package io.fcs.protocol.message;

/** Writes and reads the body of one message type (everything after the common header). */
interface BodyCodec<M extends Message> {

    MessageType type();

    Class<M> messageClass();

    void write(M message, WireWriter out);

    M read(WireReader in) throws WireReader.Refusal;
}
