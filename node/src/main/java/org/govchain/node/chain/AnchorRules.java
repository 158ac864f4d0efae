package org.govchain.node.chain;

import java.util.HashMap;
import java.util.Map;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.ChainId;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.BlockHeader;
import org.govchain.core.proto.ChainAnchor;
import org.govchain.storage.StoreSnapshot;
import org.govchain.subchains.ChainKind;

/**
 * The anchors of a proposed block: sorted by chain, one per chain, each a hosted chain other than
 * the block's own, never below the parent's anchor of that chain, and naming the block this node
 * committed at that height — or a height it has not reached yet (then the validation waits).
 */
final class AnchorRules {
  private AnchorRules() {}

  /** Fills {@code anchors} and returns null when they are acceptable; else why not. */
  static Validation check(
      HostedChains chains,
      StoreSnapshot snapshot,
      BlockHeader header,
      BlockHeader parent,
      Map<ChainKind, Long> anchors) {
    Map<String, Long> parentAnchors = new HashMap<>();
    for (ChainAnchor anchor : parent.getAnchorsList()) {
      parentAnchors.put(anchor.getChainId(), anchor.getHeight());
    }
    String previousChain = "";
    for (ChainAnchor anchor : header.getAnchorsList()) {
      String id = anchor.getChainId();
      if (id.compareTo(previousChain) <= 0) {
        return invalid("anchors are not sorted by chain id, one per chain");
      }
      previousChain = id;
      ChainSetup other;
      try {
        other = chains.get(ChainId.parse(id)).orElse(null);
      } catch (org.govchain.core.MalformedInputException e) {
        return invalid("anchor names an invalid chain id");
      }
      if (other == null || id.equals(header.getChainId())) {
        return invalid("anchor names chain " + id + ", not another hosted chain");
      }
      Long before = parentAnchors.remove(id);
      if (before != null && anchor.getHeight() < before) {
        return invalid(
            "anchor of " + id + " moves back from " + before + " to " + anchor.getHeight());
      }
      if (anchor.getHeight() > snapshot.latestHeight(other.id())) {
        return new Validation.Waiting(other.id(), anchor.getHeight());
      }
      Block anchored = snapshot.block(other.id(), anchor.getHeight()).orElseThrow();
      if (!Blocks.hash(other.suite(), anchored.getHeader())
          .toByteString()
          .equals(anchor.getBlockHash())) {
        return invalid(
            "anchor of "
                + id
                + " at "
                + anchor.getHeight()
                + " names another block than the committed one");
      }
      anchors.put(other.kind(), anchor.getHeight());
    }
    if (!parentAnchors.isEmpty()) {
      return invalid(
          "anchors drop chain "
              + parentAnchors.keySet().iterator().next()
              + ", which the parent pins");
    }
    return null;
  }

  private static Validation invalid(String reason) {
    return new Validation.Invalid(reason);
  }
}
