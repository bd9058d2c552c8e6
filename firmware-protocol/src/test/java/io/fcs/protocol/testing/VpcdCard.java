package io.fcs.protocol.testing;

import io.fcs.protocol.reader.SimulatedTag;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A wristband laid on vsmartcard's virtual reader: the card side of the vpcd protocol over TCP
 * (frames of a 2-byte big-endian length and the data; a 1-byte frame is a control message:
 * 0x00 power off, 0x01 power on, 0x02 reset, 0x04 get ATR; longer frames are APDUs answered by
 * the simulated tag). Closing the connection takes the wristband off the reader. Used by the
 * integration tests that drive Debian pcscd with vsmartcard-vpcd.
 */
public final class VpcdCard implements AutoCloseable {

    private static final int POWER_ON = 0x01;
    private static final int RESET = 0x02;
    private static final int GET_ATR = 0x04;

    /** What an ACR122U reports for an ISO 14443-3A storage card (PC/SC part 3). */
    private static final byte[] ATR = {
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
        0x3A,
        0x00,
        0x00,
        0x00,
        0x00,
        0x51
    };

    private final SimulatedTag tag;
    private final Socket socket;
    private final Thread thread;
    private final AtomicInteger apdus = new AtomicInteger();

    private VpcdCard(SimulatedTag tag, Socket socket) {
        this.tag = tag;
        this.socket = socket;
        this.thread = Thread.ofPlatform().daemon().name("vpcd-wristband").start(this::serve);
    }

    /** Lays the tag on the reader: connects to vpcd, retrying for a bounded time while pcscd starts. */
    public static VpcdCard lay(SimulatedTag tag, int port) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                socket.setTcpNoDelay(true);
                return new VpcdCard(tag, socket);
            } catch (IOException e) {
                last = e;
                socket.close();
                Thread.sleep(100);
            }
        }
        throw new IOException("vpcd did not listen on port " + port, last);
    }

    private void serve() {
        try (DataInputStream in = new DataInputStream(socket.getInputStream());
                DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
            while (true) {
                int length = in.readUnsignedShort();
                byte[] frame = new byte[length];
                in.readFully(frame);
                byte[] answer = null;
                if (length == 1) {
                    switch (frame[0] & 0xff) {
                        case POWER_ON, RESET -> tag.powerUp();
                        case GET_ATR -> answer = ATR;
                        default -> {}
                    }
                } else {
                    apdus.incrementAndGet();
                    answer = tag.respond(frame);
                }
                if (answer != null) {
                    out.writeShort(answer.length);
                    out.write(answer);
                    out.flush();
                }
            }
        } catch (EOFException | SocketException closed) {
            // taken off the reader, or vpcd went away
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int apdus() {
        return apdus.get();
    }

    /** Takes the wristband off the reader. */
    @Override
    public void close() throws IOException {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
