package io.fcs.terminal.enrol;

/** What the enrolment screen asks of the terminal: enrol from a scanned one-time QR. */
@FunctionalInterface
public interface EnrolDesk {

    /** Enrols from the QR text (the sealed bundle fetched from its URL); a refusal stores nothing. */
    Enrolment.Outcome enrol(String qrText);
}
