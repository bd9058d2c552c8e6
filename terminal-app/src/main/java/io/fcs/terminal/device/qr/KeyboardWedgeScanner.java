package io.fcs.terminal.device.qr;

import java.util.function.Consumer;

/**
 * A USB scanner that "types" the code as keystrokes (US layout) and ends it with Enter. The
 * screen forwards every typed character to {@link #typed(String)}; a line ends at CR or LF.
 * Characters outside printable ASCII (what a US layout yields) are dropped; a line longer than
 * {@link #MAX_LINE} is discarded whole rather than cut into a wrong code.
 */
public final class KeyboardWedgeScanner implements QrScanner {

    static final int MAX_LINE = 4096;

    private final StringBuilder line = new StringBuilder();
    private volatile Consumer<String> listener = text -> {};
    private boolean overflow;

    @Override
    public void start(Consumer<String> listener) {
        this.listener = listener;
    }

    /** One key event's character(s), as JavaFX's {@code KeyEvent.getCharacter()} gives them. */
    public synchronized void typed(String characters) {
        for (int i = 0; i < characters.length(); i++) {
            typed(characters.charAt(i));
        }
    }

    private void typed(char c) {
        if (c == '\r' || c == '\n') {
            String text = line.toString();
            boolean discard = overflow;
            line.setLength(0);
            overflow = false;
            if (!discard && !text.isEmpty()) {
                listener.accept(text);
            }
            return;
        }
        if (c < 0x20 || c > 0x7e) {
            return;
        }
        if (line.length() >= MAX_LINE) {
            overflow = true;
            return;
        }
        line.append(c);
    }

    @Override
    public void close() {
        listener = text -> {};
    }
}
