package org.govchain.node.client;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a client needs to call a node: the network authority's certificate, a client certificate and
 * key issued by it, and (to submit transactions) the principal's signing key.
 */
public record ClientCredentials(Path authority, Path certificate, Path key, Path signingKey) {
  /**
   * The credentials {@code govchain network init} wrote for {@code department} under {@code
   * networkDir}.
   */
  public static ClientCredentials ofDepartment(Path networkDir, String department) {
    Path home = networkDir.resolve("departments").resolve(department);
    return new ClientCredentials(
        networkDir.resolve("ca").resolve("ca.crt.pem"),
        home.resolve("client.crt.pem"),
        home.resolve("client.key.pem"),
        home.resolve("signing-key.pem"));
  }

  /** A terminal's credentials under {@code networkDir}. */
  public static ClientCredentials ofTerminal(Path networkDir, String terminal) {
    Path home = networkDir.resolve("terminals").resolve(terminal);
    return new ClientCredentials(
        networkDir.resolve("ca").resolve("ca.crt.pem"),
        home.resolve("client.crt.pem"),
        home.resolve("client.key.pem"),
        home.resolve("signing-key.pem"));
  }

  /** The first missing file, or null if all exist. */
  public Path missing() {
    for (Path path : new Path[] {authority, certificate, key}) {
      if (!Files.isRegularFile(path)) {
        return path;
      }
    }
    return null;
  }
}
