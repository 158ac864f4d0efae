package org.govchain.p2p;

import org.govchain.core.chain.NodeId;

/** A snapshot of one member as this node sees it, for status pages and gauges. */
public record PeerStatus(NodeId node, boolean connected, int queuedFrames, long queuedBytes) {}
