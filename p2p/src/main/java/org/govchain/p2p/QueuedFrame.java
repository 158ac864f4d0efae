package org.govchain.p2p;

import org.govchain.p2p.proto.Frame;

/** A frame waiting in a peer's outbound queue, with its size on the wire (prefix included). */
record QueuedFrame(Lane lane, Frame frame, int wireBytes) {}
