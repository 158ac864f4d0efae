package org.govchain.node.network;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code network.yaml}: what {@code govchain network init} created — the network's name, suite and
 * nodes with their addresses. The local-network commands and the clients read it.
 */
public record NetworkFile(
    @JsonProperty("network") String network,
    @JsonProperty("suite") String suite,
    @JsonProperty("nodes") List<NetworkInit.NodeEntry> nodes) {
  public static final String NAME = "network.yaml";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public static void write(Path directory, NetworkFile file) throws IOException {
    Files.writeString(
        directory.resolve(NAME),
        "# written by govchain network init\n" + YAML.writeValueAsString(file));
  }

  public static NetworkFile read(Path directory) throws NetworkInitException {
    Path path = directory.resolve(NAME);
    try {
      NetworkFile file = YAML.readValue(Files.readString(path), NetworkFile.class);
      if (file == null || file.nodes() == null || file.nodes().isEmpty()) {
        throw new NetworkInitException(path + ": names no nodes");
      }
      return file;
    } catch (NoSuchFileException e) {
      throw new NetworkInitException(
          directory
              + " holds no network (no "
              + NAME
              + "); create one with: govchain network init");
    } catch (IOException e) {
      throw new NetworkInitException(path + ": " + e.getMessage());
    }
  }

  public NetworkInit.NodeEntry node(String nodeId) throws NetworkInitException {
    return nodes.stream()
        .filter(node -> node.nodeId().equals(nodeId))
        .findFirst()
        .orElseThrow(
            () -> new NetworkInitException("network " + network + " has no node " + nodeId));
  }
}
