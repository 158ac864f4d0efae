package org.govchain.pbft.sim;

/** What a Byzantine replica of the simulation does besides running the honest protocol. */
public enum Behavior {
  /** Sends nothing at all. */
  SILENT,
  /** As primary, sends different blocks for one height to different replicas. */
  EQUIVOCATE,
  /** Sends prepares and commits for other blocks than the one it votes for, to some replicas. */
  CONFLICTING_VOTES,
  /** Sends messages in another replica's name, or with a broken signature. */
  FORGE,
  /** Replays messages it received or sent earlier (old views, old heights). */
  REPLAY_OLD,
  /** Sends messages of, or signed for, another chain. */
  OTHER_CHAIN,
  /** Asks for absurd views, votes in them. */
  HUGE_VIEW,
  /** Loses its disk now and then and comes back empty (so it may contradict itself). */
  AMNESIA
}
