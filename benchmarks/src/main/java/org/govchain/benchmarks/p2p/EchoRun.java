package org.govchain.benchmarks.p2p;

/**
 * One way of moving echoed frames between two endpoints, measured by {@link P2pThroughputHarness}.
 */
interface EchoRun extends AutoCloseable {
  /** Sends the first window of frames; every echo received then sends one more. */
  void start();

  /** Frames echoed back to the sender so far. */
  long echoed();

  /** The TLS cipher suite the connection negotiated. */
  String cipherSuite();

  @Override
  void close();
}
