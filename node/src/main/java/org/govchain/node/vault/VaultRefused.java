package org.govchain.node.vault;

/** A refused deposit or release: the reason, and a message naming what was refused. */
public record VaultRefused(VaultRefusal reason, String message)
    implements DepositResult, ReleaseResult {}
