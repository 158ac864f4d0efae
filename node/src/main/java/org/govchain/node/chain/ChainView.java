package org.govchain.node.chain;

import org.govchain.core.crypto.Hash;

/**
 * What other threads may read of a chain runtime: published by its consensus thread after each
 * batch of work.
 *
 * @param height the last committed height
 * @param blockHash its block's hash
 * @param view the replica's view
 * @param viewActive false while the replica is changing view
 * @param primaryIndex the validator index of the view's primary
 * @param viewChanges how many times the view moved since this process started
 */
public record ChainView(
    long height,
    Hash blockHash,
    long view,
    boolean viewActive,
    int primaryIndex,
    long viewChanges) {}
