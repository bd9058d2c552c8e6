package io.fcs.central.festival;

import java.util.UUID;

/** A zone of a festival; {@code number} (0..31) is how QR tickets and gates name it. */
public record Zone(UUID id, UUID festivalId, int number, String name, String kind, Integer capacity) {}
