package org.govchain.node.network;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.SplittableRandom;

/**
 * Loopback port ranges that are free now, for local networks made by tests and load harnesses: a
 * base port with, above it, {@code nodes} free ports at each of +0 (p2p), +100 (gRPC) and +200
 * (metrics), matching {@link NetworkInit.Plan}'s three base ports.
 */
public final class FreePorts {
  static final int[] OFFSETS = {0, 100, 200};
  private static final int ATTEMPTS = 50;

  private FreePorts() {}

  /** A plan of {@code nodes} departments on loopback ports that are free now (SM suite). */
  public static NetworkInit.Plan loopbackPlan(
      int nodes, int checkpointInterval, int maxBlockTransactions) throws IOException {
    int base = base(nodes);
    return new NetworkInit.Plan(
        "haidian",
        org.govchain.core.crypto.SuiteId.SM,
        nodes,
        "127.0.0.1",
        base + OFFSETS[0],
        base + OFFSETS[1],
        base + OFFSETS[2],
        checkpointInterval,
        maxBlockTransactions);
  }

  static int base(int nodes) throws IOException {
    SplittableRandom random = new SplittableRandom();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int base = 20_000 + random.nextInt(300) * 100;
      if (allFree(base, nodes)) {
        return base;
      }
    }
    throw new IOException("no free loopback port range found in " + ATTEMPTS + " attempts");
  }

  private static boolean allFree(int base, int nodes) {
    for (int offset : OFFSETS) {
      for (int i = 0; i < nodes; i++) {
        try (ServerSocket socket =
            new ServerSocket(base + offset + i, 1, InetAddress.getLoopbackAddress())) {
          socket.setReuseAddress(true);
        } catch (IOException e) {
          return false;
        }
      }
    }
    return true;
  }
}
