package io.fcs.terminal.device.nfc;

import io.fcs.protocol.reader.SimulatedTag;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;

/**
 * The card side of vsmartcard's virtual reader (vpcd): connects to pcscd's vpcd driver over TCP
 * and answers its frames with a simulated wristband. Frames are a 2-byte big-endian length and
 * the data; a 1-byte frame is a control message (0x00 power off, 0x01 power on, 0x02 reset,
 * 0x04 get ATR), anything longer an APDU answered by the tag's {@link SimulatedTag#respond}.
 */
final class VirtualCard implements AutoCloseable {

    static final int POWER_OFF = 0x00;
    static final int POWER_ON = 0x01;
    static final int RESET = 0x02;
    static final int GET_ATR = 0x04;

    /** The ATR an ACR122U reports for an ISO 14443-3A storage card (PC/SC part 3). */
    static final byte[] ATR = {
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
    private volatile int apdus;

    private VirtualCard(SimulatedTag tag, Socket socket) {
        this.tag = tag;
        this.socket = socket;
        this.thread = Thread.ofPlatform().daemon().name("vpcd-card").start(this::serve);
    }

    /** Connects to vpcd, retrying for a bounded time while pcscd starts. */
    static VirtualCard plugIn(SimulatedTag tag, int port) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                socket.setTcpNoDelay(true);
                return new VirtualCard(tag, socket);
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
                    apdus++;
                    answer = tag.respond(frame);
                }
                if (answer != null) {
                    out.writeShort(answer.length);
                    out.write(answer);
                    out.flush();
                }
            }
        } catch (EOFException | SocketException closed) {
            // vpcd or the test closed the connection
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    int apdus() {
        return apdus;
    }

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
