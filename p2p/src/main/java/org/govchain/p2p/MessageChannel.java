package org.govchain.p2p;

import org.govchain.p2p.proto.Channel;

/**
 * The typed one-way channels multiplexed on each connection. Frames of one channel to one peer
 * arrive in the order they were sent (while a connection lasts); channels do not wait for each
 * other.
 */
public enum MessageChannel {
  /** Consensus messages of every sub-chain; drained first. */
  CONSENSUS(Channel.CONSENSUS, Lane.CONSENSUS),
  /** Client transactions forwarded to other validators. */
  TRANSACTIONS(Channel.TRANSACTIONS, Lane.TRANSACTIONS),
  /** Blocks and certificates pushed to a node that is catching up; drained last. */
  BLOCK_SYNC(Channel.BLOCK_SYNC, Lane.BLOCK_SYNC);

  private final Channel wire;
  private final Lane lane;

  MessageChannel(Channel wire, Lane lane) {
    this.wire = wire;
    this.lane = lane;
  }

  Channel wire() {
    return wire;
  }

  Lane lane() {
    return lane;
  }

  /** The channel of a received frame; null for a value this version does not know. */
  static MessageChannel fromWire(Channel channel) {
    return switch (channel) {
      case CONSENSUS -> CONSENSUS;
      case TRANSACTIONS -> TRANSACTIONS;
      case BLOCK_SYNC -> BLOCK_SYNC;
      case CHANNEL_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }
}
