package io.fcs.central.sync;

/** Record ingestion on H2 (the scenarios are in {@link RecordIngestionScenarios}). */
class RecordIngestionTest extends RecordIngestionScenarios {}
