package org.govchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.govchain.core.chain.NodeId;
import org.govchain.p2p.TransportFixture.Node;
import org.govchain.p2p.TransportFixture.Received;
import org.govchain.p2p.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Four nodes on loopback, each dialing every other (so every pair dials both ways at once): one
 * connection per pair, every message delivered exactly once and in order per sender and channel,
 * calls answered, and the network heals after a node restarts on the same address.
 */
class FourNodeTest {
  private static final int MESSAGES_PER_CHANNEL = 300;

  private final TransportFixture fixture = new TransportFixture(4);
  private final Node[] nodes = new Node[4];

  @AfterEach
  void stop() {
    fixture.close();
  }

  private Node startNode(int index, java.net.InetSocketAddress listen) throws Exception {
    return fixture.startOn(
        index,
        listen,
        TransportFixture.quickLimits().build(),
        builder ->
            builder.requestHandler(
                "echo",
                (from, request) ->
                    CompletableFuture.completedFuture(
                        ByteString.copyFromUtf8(from + ">").concat(request))));
  }

  @Test
  void everyMessageArrivesOnceInOrderAndTheNetworkHealsAfterARestart() throws Exception {
    for (int i = 0; i < 4; i++) {
      nodes[i] = startNode(i, new java.net.InetSocketAddress("127.0.0.1", 0));
    }
    Map<NodeId, java.net.InetSocketAddress> all = TransportFixture.addresses(nodes);
    for (Node node : nodes) {
      Map<NodeId, java.net.InetSocketAddress> others = new HashMap<>(all);
      others.remove(node.id());
      node.transport.connect(others);
    }
    awaitFullMesh();

    sendRound(0, List.of(0, 1, 2, 3));
    for (Node node : nodes) {
      awaitSequences(node, 0, MESSAGES_PER_CHANNEL, List.of(0, 1, 2, 3));
    }
    callEveryPeer();

    // Node 3 stops; the others notice, and it comes back on the same address.
    java.net.InetSocketAddress address = nodes[3].address;
    nodes[3].transport.close();
    for (int i = 0; i < 3; i++) {
      int index = i;
      Await.until(
          "node " + i + " sees node 3 gone",
          () -> !nodes[index].transport.isConnected(nodes[3].id()));
    }
    nodes[3] = startNode(3, address);
    Map<NodeId, java.net.InetSocketAddress> others = new HashMap<>(all);
    others.remove(nodes[3].id());
    nodes[3].transport.connect(others);
    awaitFullMesh();

    sendRound(MESSAGES_PER_CHANNEL, List.of(0, 1, 2, 3));
    for (int i = 0; i < 3; i++) {
      awaitSequences(nodes[i], 0, 2 * MESSAGES_PER_CHANNEL, List.of(0, 1, 2, 3));
    }
    awaitSequences(nodes[3], MESSAGES_PER_CHANNEL, 2 * MESSAGES_PER_CHANNEL, List.of(0, 1, 2));
    callEveryPeer();
  }

  private void awaitFullMesh() {
    for (Node node : nodes) {
      for (Node other : nodes) {
        if (other != node) {
          Await.until(
              node.id() + " connected to " + other.id(),
              () -> node.transport.isConnected(other.id()));
        }
      }
      // Both ends of each pair dialed: the tie-break leaves exactly one connection per pair.
      Await.until(
          node.id()
              + " holds one connection per peer (has "
              + node.transport.openConnections()
              + ")",
          () -> node.transport.openConnections() == 3);
    }
  }

  /** Every node sends sequence numbers [from, from + count) on every channel to every other. */
  private void sendRound(int from, List<Integer> senders) {
    for (int sequence = from; sequence < from + MESSAGES_PER_CHANNEL; sequence++) {
      for (int sender : senders) {
        for (Node receiver : nodes) {
          if (receiver.index == sender) {
            continue;
          }
          for (MessageChannel channel : MessageChannel.values()) {
            ByteString payload = ByteString.copyFromUtf8(Integer.toString(sequence));
            assertEquals(
                SendResult.QUEUED, nodes[sender].transport.send(receiver.id(), channel, payload));
          }
        }
      }
    }
  }

  /** Waits until {@code node} holds exactly [first, end) from each sender on each channel. */
  private void awaitSequences(Node node, int first, int end, List<Integer> senders) {
    int expectedTotal = 0;
    for (int sender : senders) {
      if (sender != node.index) {
        expectedTotal += (end - first) * MessageChannel.values().length;
      }
    }
    int total = expectedTotal;
    Await.until(
        node.id() + " received " + total + " (has " + node.received.size() + ")",
        () -> node.received.size() >= total);
    Map<String, List<Integer>> bySenderAndChannel = new HashMap<>();
    for (Received received : node.received) {
      bySenderAndChannel
          .computeIfAbsent(received.from() + "/" + received.channel(), key -> new ArrayList<>())
          .add(Integer.parseInt(received.payload().toStringUtf8()));
    }
    for (int sender : senders) {
      if (sender == node.index) {
        continue;
      }
      for (MessageChannel channel : MessageChannel.values()) {
        List<Integer> expected = new ArrayList<>();
        for (int sequence = first; sequence < end; sequence++) {
          expected.add(sequence);
        }
        assertEquals(
            expected,
            bySenderAndChannel.get(nodes[sender].id() + "/" + channel),
            node.id() + " from " + nodes[sender].id() + " on " + channel);
      }
    }
    assertEquals(total, node.received.size(), "nothing delivered twice");
  }

  private void callEveryPeer() throws Exception {
    for (Node caller : nodes) {
      for (Node callee : nodes) {
        if (caller == callee) {
          continue;
        }
        ByteString answer =
            caller
                .transport
                .call(callee.id(), "echo", ByteString.copyFromUtf8("ping"), Duration.ofSeconds(10))
                .get(15, TimeUnit.SECONDS);
        assertEquals(caller.id() + ">ping", answer.toStringUtf8());
      }
    }
  }
}
