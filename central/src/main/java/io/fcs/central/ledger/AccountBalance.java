package io.fcs.central.ledger;

import io.fcs.protocol.value.Money;

/** An account with its natural balance (normal side positive), as a sum of its postings. */
public record AccountBalance(AccountKey account, Money balance) {}
