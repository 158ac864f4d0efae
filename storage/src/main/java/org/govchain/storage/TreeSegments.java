package org.govchain.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;

/**
 * The stored form of the state tree: the nodes a block creates, in the order it creates them
 * (children before parents), {@value #NODES_PER_SEGMENT} to a record keyed {@code height₈ ‖
 * segment₄}. One block of 1,000 writes creates ~8,000 nodes: ~130 records instead of ~8,000, and
 * each record's key follows the previous one's, which is what RocksDB writes cheapest.
 *
 * <p>Node encodings (docs/storage.md): a leaf is {@code 01 ‖ key path₃₂ ‖ value hash₃₂}; an inner
 * node is {@code 02 ‖ child ‖ child} (left, right), a child being {@code 00} (empty) or {@code 01 ‖
 * hash₃₂ ‖ varint(block height − child's height) ‖ varint(child's ordinal)}. Varints are unsigned
 * LEB128.
 */
final class TreeSegments {
  /** Nodes per stored record (~4.5 KiB of a typical block's nodes). */
  static final int NODES_PER_SEGMENT = 64;

  static final byte LEAF = 1;
  static final byte INNER = 2;
  private static final byte EMPTY_CHILD = 0;
  private static final byte STORED_CHILD = 1;
  private static final int CHILD_BYTES_MAX = 1 + Hash.BYTES + 10 + 5;
  private static final int NODE_BYTES_MAX = 1 + 2 * CHILD_BYTES_MAX;

  private TreeSegments() {}

  /** The key of record {@code segment} of the block at {@code height}. */
  static byte[] key(long height, int segment) {
    byte[] key = new byte[12];
    Keys.writeLong(key, 0, height);
    Keys.writeInt(key, 8, segment);
    return key;
  }

  /** The records holding {@code nodes}, the nodes the block at {@code height} created in order. */
  static List<byte[]> encode(long height, List<TreeNode> nodes) {
    List<byte[]> segments = new ArrayList<>(nodes.size() / NODES_PER_SEGMENT + 1);
    for (int first = 0; first < nodes.size(); first += NODES_PER_SEGMENT) {
      int last = Math.min(nodes.size(), first + NODES_PER_SEGMENT);
      byte[] out = new byte[(last - first) * NODE_BYTES_MAX];
      int length = 0;
      for (int i = first; i < last; i++) {
        length = encode(height, nodes.get(i), out, length);
      }
      segments.add(Arrays.copyOf(out, length));
    }
    return segments;
  }

  private static int encode(long height, TreeNode node, byte[] out, int offset) {
    if (node instanceof TreeNode.Leaf leaf) {
      out[offset] = LEAF;
      leaf.copyEntryTo(out, offset + 1);
      return offset + 1 + 2 * Hash.BYTES;
    }
    TreeNode.Inner inner = (TreeNode.Inner) node;
    out[offset] = INNER;
    int next = encode(height, inner.left(), out, offset + 1);
    return encode(height, inner.right(), out, next);
  }

  private static int encode(long height, TreeNode.Child child, byte[] out, int offset) {
    if (child.empty()) {
      out[offset] = EMPTY_CHILD;
      return offset + 1;
    }
    out[offset] = STORED_CHILD;
    child.hash().copyTo(out, offset + 1);
    int next = writeVarint(out, offset + 1 + Hash.BYTES, height - child.ref().height());
    return writeVarint(out, next, child.ref().ordinal());
  }

  /**
   * The node at {@code ref} from its record {@code segment}, checked to hash to {@code expected};
   * null if the record does not hold such a node (damage, or a reference to something else).
   */
  static TreeNode decode(CryptoSuite suite, NodeRef ref, byte[] segment, Hash expected) {
    Reader reader = new Reader(segment, ref.height());
    try {
      for (int i = 0; i < ref.indexInSegment(); i++) {
        reader.skipNode();
      }
      TreeNode node = reader.node(suite, ref);
      return node.hash().equals(expected) ? node : null;
    } catch (MalformedSegmentException e) {
      return null;
    }
  }

  static int writeVarint(byte[] out, int offset, long value) {
    int at = offset;
    long rest = value;
    while ((rest & ~0x7fL) != 0) {
      out[at++] = (byte) ((rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    out[at++] = (byte) rest;
    return at;
  }

  private static final class MalformedSegmentException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedSegmentException() {
      super(null, null, false, false);
    }
  }

  /**
   * Reads nodes of one record in order; any malformed byte is a {@link MalformedSegmentException}.
   */
  private static final class Reader {
    private final byte[] bytes;
    private final long height;
    private int offset;

    Reader(byte[] bytes, long height) {
      this.bytes = bytes;
      this.height = height;
    }

    void skipNode() throws MalformedSegmentException {
      byte type = next();
      if (type == LEAF) {
        skip(2 * Hash.BYTES);
      } else if (type == INNER) {
        skipChild();
        skipChild();
      } else {
        throw new MalformedSegmentException();
      }
    }

    private void skipChild() throws MalformedSegmentException {
      if (next() == EMPTY_CHILD) {
        return;
      }
      skip(Hash.BYTES);
      varint(63);
      varint(31);
    }

    TreeNode node(CryptoSuite suite, NodeRef self) throws MalformedSegmentException {
      byte type = next();
      if (type == LEAF) {
        return TreeNode.Leaf.of(suite, hash(), hash());
      }
      if (type != INNER) {
        throw new MalformedSegmentException();
      }
      TreeNode.Child left = child(self);
      TreeNode.Child right = child(self);
      if (left.empty() && right.empty()) {
        throw new MalformedSegmentException();
      }
      return TreeNode.Inner.of(suite, left, right);
    }

    /** A child; it must be older than {@code parent} (an earlier block, or earlier in this one). */
    private TreeNode.Child child(NodeRef parent) throws MalformedSegmentException {
      byte kind = next();
      if (kind == EMPTY_CHILD) {
        return TreeNode.Child.EMPTY;
      }
      if (kind != STORED_CHILD) {
        throw new MalformedSegmentException();
      }
      Hash hash = hash();
      long delta = varint(63);
      long ordinal = varint(31);
      if (delta > height || (delta == 0 && ordinal >= parent.ordinal())) {
        throw new MalformedSegmentException();
      }
      if (hash.equals(StateHashing.EMPTY)) {
        throw new MalformedSegmentException();
      }
      return new TreeNode.Child(hash, new NodeRef(height - delta, (int) ordinal));
    }

    private Hash hash() throws MalformedSegmentException {
      if (offset + Hash.BYTES > bytes.length) {
        throw new MalformedSegmentException();
      }
      Hash hash = Hash.of(Arrays.copyOfRange(bytes, offset, offset + Hash.BYTES));
      offset += Hash.BYTES;
      return hash;
    }

    private byte next() throws MalformedSegmentException {
      if (offset >= bytes.length) {
        throw new MalformedSegmentException();
      }
      return bytes[offset++];
    }

    private void skip(int count) throws MalformedSegmentException {
      if (offset + count > bytes.length) {
        throw new MalformedSegmentException();
      }
      offset += count;
    }

    /** An unsigned LEB128 varint of at most {@code bits} bits. */
    private long varint(int bits) throws MalformedSegmentException {
      long value = 0;
      for (int shift = 0; shift < bits; shift += 7) {
        byte b = next();
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          if (value >>> bits != 0) {
            throw new MalformedSegmentException();
          }
          return value;
        }
      }
      throw new MalformedSegmentException();
    }
  }
}
