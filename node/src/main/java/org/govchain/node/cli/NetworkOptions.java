package org.govchain.node.cli;

import java.nio.file.Path;
import org.govchain.node.client.ClientCredentials;
import org.govchain.node.config.HostPort;
import org.govchain.node.network.NetworkFile;
import org.govchain.node.network.NetworkInit;
import org.govchain.node.network.NetworkInitException;
import picocli.CommandLine.Option;

/** Which node to talk to and as whom: from a network directory, or given one by one. */
final class NetworkOptions {
  @Option(
      names = "--dir",
      defaultValue = "govchain-net",
      paramLabel = "DIR",
      description = "Network directory made by network init or up (default ./govchain-net).")
  Path dir;

  @Option(
      names = "--node",
      paramLabel = "ID",
      description = "Node to call (default: the first of the network).")
  String node;

  @Option(
      names = "--as",
      paramLabel = "DEPARTMENT",
      defaultValue = "data-bureau",
      description =
          "Department whose client certificate (and signing key) to use (default data-bureau).")
  String as;

  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      description = "Node gRPC address, instead of looking it up in DIR.")
  String address;

  NetworkFile network() {
    try {
      return NetworkFile.read(dir);
    } catch (NetworkInitException e) {
      throw CliException.badInput(e.getMessage());
    }
  }

  HostPort target() {
    if (address != null) {
      try {
        return HostPort.parse(address);
      } catch (IllegalArgumentException e) {
        throw CliException.badInput("--address: " + e.getMessage());
      }
    }
    NetworkFile network = network();
    try {
      NetworkInit.NodeEntry entry = node == null ? network.nodes().get(0) : network.node(node);
      return new HostPort(entry.host(), entry.grpcPort());
    } catch (NetworkInitException e) {
      throw CliException.badInput(e.getMessage());
    }
  }

  ClientCredentials credentials() {
    ClientCredentials credentials = ClientCredentials.ofDepartment(dir, as);
    Path missing = credentials.missing();
    if (missing != null) {
      throw CliException.badInput(
          "no credentials for department " + as + " in " + dir + " (" + missing + " is missing)");
    }
    return credentials;
  }
}
