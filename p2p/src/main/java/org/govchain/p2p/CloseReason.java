package org.govchain.p2p;

/** Why a connection ended. */
public enum CloseReason {
  /** The peer closed the TCP connection (or it broke). */
  PEER_CLOSED,
  /** The peer said goodbye before closing. */
  PEER_GOODBYE,
  /** Both nodes dialed; this connection lost the tie-break. */
  DUPLICATE,
  /** A newer connection from the same peer replaced this one. */
  SUPERSEDED,
  /** This node is stopping. */
  SHUTDOWN,
  /** Nothing was read for the idle timeout (keep-alives stopped arriving). */
  IDLE_TIMEOUT,
  /** The peer did not read what we sent for the write-stall timeout. */
  WRITE_STALLED,
  /** A frame declared a length above the limit. */
  FRAME_TOO_LARGE,
  /** A started frame was not complete within the frame assembly timeout. */
  FRAME_ASSEMBLY_TIMEOUT,
  /** Bytes that do not decode as a frame. */
  MALFORMED_FRAME,
  /** A well-formed frame that this protocol does not allow at this point. */
  PROTOCOL_ERROR,
  /** Refused during the handshake (see {@link org.govchain.p2p.tls.RefusalReason}). */
  HANDSHAKE_REFUSED,
  /** A socket error. */
  IO_ERROR
}
