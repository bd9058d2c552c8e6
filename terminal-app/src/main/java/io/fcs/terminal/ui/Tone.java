package io.fcs.terminal.ui;

/**
 * How a result looks and sounds: colour, text and a sound, so it is clear at arm's length and
 * without looking. The CSS class of each is {@code tone-<name>}.
 */
public enum Tone {
    /** idle, waiting for staff. */
    NEUTRAL,
    /** waiting for a tap or a scan. */
    WAITING,
    OK,
    /** went through, but look: offline, or first entry to bind. */
    WARNING,
    REFUSED;

    public String styleClass() {
        return "tone-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
