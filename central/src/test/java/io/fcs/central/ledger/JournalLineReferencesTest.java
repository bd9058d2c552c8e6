package io.fcs.central.ledger;

/** Journal lines' references on H2, kept by foreign keys (the scenarios: {@link JournalLineReferencesScenarios}). */
class JournalLineReferencesTest extends JournalLineReferencesScenarios {}
