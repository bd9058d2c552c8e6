package io.fcs.terminal.device.nfc;

/** The reader is unplugged or the PC/SC service is down; the terminal shows the reader screen. */
public final class ReaderUnavailableException extends RuntimeException {

    public ReaderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
