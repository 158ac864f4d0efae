package org.govchain.p2p;

import org.govchain.core.Invariants;

/**
 * Every bound the transport enforces, checked once when built. Memory per peer is at most {@code
 * queueBytesMax} queued plus {@code writeBufferHighWaterBytes} handed to Netty plus one frame being
 * read ({@code frameBytesMax}); unauthenticated connections are at most {@code
 * pendingHandshakesMax}, each holding at most one TLS record and one Hello frame.
 *
 * @param frameBytesMax largest frame (length prefix included) sent or accepted after the Hello
 * @param laneFramesMax most frames queued per peer in one lane (consensus, calls...)
 * @param queueBytesMax most bytes queued per peer over all lanes
 * @param writeBufferLowWaterBytes Netty's outbound buffer is writable again below this
 * @param writeBufferHighWaterBytes draining the queue into Netty stops above this
 * @param handshakeTimeoutMillis TLS and the Hello exchange must finish within this
 * @param frameAssemblyTimeoutMillis a frame whose first byte arrived must be complete within this
 * @param keepAliveIntervalMillis a Ping is sent when nothing was written for this long
 * @param idleTimeoutMillis the connection is closed when nothing was read for this long
 * @param writeStallTimeoutMillis the connection is closed when the peer reads nothing of what we
 *     write for this long
 * @param connectTimeoutMillis TCP connect timeout when dialing
 * @param reconnectBaseMillis first reconnect delay (before jitter)
 * @param reconnectMaxMillis reconnect delays never exceed this
 * @param pendingHandshakesMax inbound connections waiting for their handshake at once
 * @param callsInFlightMax calls this node waits for at once, over all peers
 * @param servedCallsPerPeerMax calls from one peer served at once; more are answered OVERLOADED
 * @param ioThreads Netty event loop threads
 */
public record TransportLimits(
    int frameBytesMax,
    int laneFramesMax,
    long queueBytesMax,
    int writeBufferLowWaterBytes,
    int writeBufferHighWaterBytes,
    long handshakeTimeoutMillis,
    long frameAssemblyTimeoutMillis,
    long keepAliveIntervalMillis,
    long idleTimeoutMillis,
    long writeStallTimeoutMillis,
    int connectTimeoutMillis,
    long reconnectBaseMillis,
    long reconnectMaxMillis,
    int pendingHandshakesMax,
    int callsInFlightMax,
    int servedCallsPerPeerMax,
    int ioThreads) {

  /** Largest Hello or Goodbye frame accepted before a connection is authenticated. */
  public static final int HANDSHAKE_FRAME_BYTES_MAX = 512;

  /** Frames carry at least this much besides the payload; payloads are bounded accordingly. */
  public static final int FRAME_OVERHEAD_BYTES_MAX = 64;

  public TransportLimits {
    Invariants.argument(
        frameBytesMax >= 1024 && frameBytesMax <= 64 * 1024 * 1024,
        "frameBytesMax %d outside [1 KiB, 64 MiB]",
        frameBytesMax);
    Invariants.argument(laneFramesMax >= 1, "laneFramesMax must be positive");
    Invariants.argument(
        queueBytesMax >= frameBytesMax, "queueBytesMax must hold at least one largest frame");
    Invariants.argument(
        writeBufferLowWaterBytes > 0 && writeBufferLowWaterBytes < writeBufferHighWaterBytes,
        "need 0 < writeBufferLowWaterBytes (%d) < writeBufferHighWaterBytes (%d)",
        writeBufferLowWaterBytes,
        writeBufferHighWaterBytes);
    Invariants.argument(handshakeTimeoutMillis > 0, "handshakeTimeoutMillis must be positive");
    Invariants.argument(frameAssemblyTimeoutMillis > 0, "frameAssemblyTimeoutMillis must be > 0");
    Invariants.argument(
        keepAliveIntervalMillis > 0 && keepAliveIntervalMillis < idleTimeoutMillis,
        "need 0 < keepAliveIntervalMillis (%d) < idleTimeoutMillis (%d)",
        keepAliveIntervalMillis,
        idleTimeoutMillis);
    Invariants.argument(writeStallTimeoutMillis > 0, "writeStallTimeoutMillis must be positive");
    Invariants.argument(connectTimeoutMillis > 0, "connectTimeoutMillis must be positive");
    Invariants.argument(
        reconnectBaseMillis > 0 && reconnectBaseMillis <= reconnectMaxMillis,
        "need 0 < reconnectBaseMillis (%d) <= reconnectMaxMillis (%d)",
        reconnectBaseMillis,
        reconnectMaxMillis);
    Invariants.argument(pendingHandshakesMax >= 1, "pendingHandshakesMax must be positive");
    Invariants.argument(callsInFlightMax >= 1, "callsInFlightMax must be positive");
    Invariants.argument(servedCallsPerPeerMax >= 1, "servedCallsPerPeerMax must be positive");
    Invariants.argument(
        ioThreads >= 1 && ioThreads <= 64, "ioThreads %d outside [1, 64]", ioThreads);
  }

  /** Largest payload of a message, request or response. */
  public int payloadBytesMax() {
    return frameBytesMax - FRAME_OVERHEAD_BYTES_MAX;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static TransportLimits defaults() {
    return builder().build();
  }

  /** Defaults sized for a department network: a few to a few dozen nodes over a city WAN. */
  public static final class Builder {
    private int frameBytesMax = 4 * 1024 * 1024;
    private int laneFramesMax = 4096;
    private long queueBytesMax = 32L * 1024 * 1024;
    private int writeBufferLowWaterBytes = 512 * 1024;
    private int writeBufferHighWaterBytes = 1024 * 1024;
    private long handshakeTimeoutMillis = 10_000;
    private long frameAssemblyTimeoutMillis = 30_000;
    private long keepAliveIntervalMillis = 5_000;
    private long idleTimeoutMillis = 20_000;
    private long writeStallTimeoutMillis = 30_000;
    private int connectTimeoutMillis = 5_000;
    private long reconnectBaseMillis = 200;
    private long reconnectMaxMillis = 30_000;
    private int pendingHandshakesMax = 64;
    private int callsInFlightMax = 4096;
    private int servedCallsPerPeerMax = 64;
    private int ioThreads = Math.min(4, Runtime.getRuntime().availableProcessors());

    public Builder frameBytesMax(int value) {
      frameBytesMax = value;
      return this;
    }

    public Builder laneFramesMax(int value) {
      laneFramesMax = value;
      return this;
    }

    public Builder queueBytesMax(long value) {
      queueBytesMax = value;
      return this;
    }

    public Builder writeBufferWaterMarks(int lowBytes, int highBytes) {
      writeBufferLowWaterBytes = lowBytes;
      writeBufferHighWaterBytes = highBytes;
      return this;
    }

    public Builder handshakeTimeoutMillis(long value) {
      handshakeTimeoutMillis = value;
      return this;
    }

    public Builder frameAssemblyTimeoutMillis(long value) {
      frameAssemblyTimeoutMillis = value;
      return this;
    }

    public Builder keepAlive(long intervalMillis, long idleTimeoutMillis) {
      this.keepAliveIntervalMillis = intervalMillis;
      this.idleTimeoutMillis = idleTimeoutMillis;
      return this;
    }

    public Builder writeStallTimeoutMillis(long value) {
      writeStallTimeoutMillis = value;
      return this;
    }

    public Builder connectTimeoutMillis(int value) {
      connectTimeoutMillis = value;
      return this;
    }

    public Builder reconnect(long baseMillis, long maxMillis) {
      reconnectBaseMillis = baseMillis;
      reconnectMaxMillis = maxMillis;
      return this;
    }

    public Builder pendingHandshakesMax(int value) {
      pendingHandshakesMax = value;
      return this;
    }

    public Builder callsInFlightMax(int value) {
      callsInFlightMax = value;
      return this;
    }

    public Builder servedCallsPerPeerMax(int value) {
      servedCallsPerPeerMax = value;
      return this;
    }

    public Builder ioThreads(int value) {
      ioThreads = value;
      return this;
    }

    public TransportLimits build() {
      return new TransportLimits(
          frameBytesMax,
          laneFramesMax,
          queueBytesMax,
          writeBufferLowWaterBytes,
          writeBufferHighWaterBytes,
          handshakeTimeoutMillis,
          frameAssemblyTimeoutMillis,
          keepAliveIntervalMillis,
          idleTimeoutMillis,
          writeStallTimeoutMillis,
          connectTimeoutMillis,
          reconnectBaseMillis,
          reconnectMaxMillis,
          pendingHandshakesMax,
          callsInFlightMax,
          servedCallsPerPeerMax,
          ioThreads);
    }
  }
}
