package org.govchain.p2p;

import org.govchain.p2p.proto.Frame;

/** A decoded frame and its size on the wire (length prefix included). */
record InboundFrame(Frame frame, int wireBytes) {}
