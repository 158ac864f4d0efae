package org.govchain.storage;

/** Where a committed transaction is: the block height and its index in that block. */
public record TransactionLocation(long height, int index) {}
