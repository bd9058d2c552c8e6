package io.fcs.central.festival;

import java.util.UUID;

/** Published (synchronously, inside the creating transaction) when a festival is created. */
public record FestivalCreated(UUID festivalId, String currency) {}
