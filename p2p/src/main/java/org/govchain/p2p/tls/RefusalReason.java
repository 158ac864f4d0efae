package org.govchain.p2p.tls;

/**
 * Why a connection was refused before it could carry a single message. Each refusal is counted by
 * reason ({@code TransportMetrics.handshakeRefused}) and logged once with the reason.
 */
public enum RefusalReason {
  /** The peer presented no certificate (a client without one, or a server sending none). */
  NO_CERTIFICATE,
  /** The certificate signs itself: it was never issued by the network's authority. */
  SELF_SIGNED,
  /** The certificate was issued by another authority (another network, or a forged one). */
  UNKNOWN_AUTHORITY,
  /** The certificate, or the network authority, is past its validity period. */
  EXPIRED,
  /** The certificate's validity period has not started. */
  NOT_YET_VALID,
  /** The certificate is a CA certificate or carries no govchain node id. */
  NOT_A_NODE_CERTIFICATE,
  /** The certificate names a node id that the membership does not contain. */
  NOT_MEMBER,
  /** The certificate names a member, but it is not the certificate the membership pins for it. */
  NOT_PINNED,
  /** The certificate is a member's, but another node id claims it (dialed or in its Hello). */
  WRONG_NODE,
  /** The peer offered no TLS 1.3 (e.g. TLS 1.2 only). */
  TLS_VERSION,
  /** Any other TLS failure: garbage instead of TLS records, a bad signature, an alert. */
  TLS_FAILURE,
  /** TLS or the Hello did not complete within the handshake timeout. */
  HANDSHAKE_TIMEOUT,
  /** The peer's first frame was not a valid Hello of our protocol version. */
  BAD_HELLO,
  /** Too many connections were waiting for their handshake; the newest was closed at once. */
  TOO_MANY_PENDING
}
