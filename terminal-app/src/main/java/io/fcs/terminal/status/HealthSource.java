package io.fcs.terminal.status;

/** Port: the current health of the terminal (reader, store, sync, clock). */
@FunctionalInterface
public interface HealthSource {

    Health current();
}
