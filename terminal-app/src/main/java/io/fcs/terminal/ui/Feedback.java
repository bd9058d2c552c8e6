package io.fcs.terminal.ui;

/** Port for the sound a result makes: one short beep for yes, a different one for no. */
@FunctionalInterface
public interface Feedback {

    void sound(Tone tone);

    static Feedback silent() {
        return tone -> {};
    }

    /** The system beep (one for OK, three for a refusal); silent where there is no sound device. */
    static Feedback systemBeep() {
        return tone -> {
            int beeps =
                    switch (tone) {
                        case OK, WARNING -> 1;
                        case REFUSED -> 3;
                        default -> 0;
                    };
            try {
                for (int i = 0; i < beeps; i++) {
                    java.awt.Toolkit.getDefaultToolkit().beep();
                }
            } catch (UnsupportedOperationException noSound) {
                // a terminal without sound still shows colour and text
            }
        };
    }
}
