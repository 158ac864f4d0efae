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
 * node is {@code 02 ‖ child ‖ child} (left, right), a child being {@code 00} (empty), {@code 02 ‖
 * index₁} (an earlier node of the same record: its hash is not stored but recomputed from it), or
 * {@code 01 ‖ hash₃₂ ‖ varint(block height − child's height) ‖ varint(child's ordinal)} (any other
 * node). Varints are unsigned LEB128. Nodes are written children first, so a node's new child is
 * almost always just before it: most new nodes' hashes are stored nowhere, which takes a third off
 * a block's tree bytes. Reading a node decodes (and hashes) its descendants within the record, and
 * the caller may keep them: the first use of a node is usually on the way down to its children.
 */
final class TreeSegments {
  /** Nodes per stored record (~4.5 KiB of a typical block's nodes). */
  static final int NODES_PER_SEGMENT = 64;

  static final byte LEAF = 1;
  static final byte INNER = 2;
  private static final byte EMPTY_CHILD = 0;
  private static final byte STORED_CHILD = 1;
  private static final byte LOCAL_CHILD = 2;
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
        length = encode(height, first / NODES_PER_SEGMENT, nodes.get(i), out, length);
      }
      segments.add(Arrays.copyOf(out, length));
    }
    return segments;
  }

  private static int encode(long height, int segment, TreeNode node, byte[] out, int offset) {
    if (node instanceof TreeNode.Leaf leaf) {
      out[offset] = LEAF;
      leaf.copyEntryTo(out, offset + 1);
      return offset + 1 + 2 * Hash.BYTES;
    }
    TreeNode.Inner inner = (TreeNode.Inner) node;
    out[offset] = INNER;
    int next = encode(height, segment, inner.left(), out, offset + 1);
    return encode(height, segment, inner.right(), out, next);
  }

  private static int encode(
      long height, int segment, TreeNode.Child child, byte[] out, int offset) {
    if (child.empty()) {
      out[offset] = EMPTY_CHILD;
      return offset + 1;
    }
    if (child.ref().height() == height && child.ref().segment() == segment) {
      out[offset] = LOCAL_CHILD;
      out[offset + 1] = (byte) child.ref().indexInSegment();
      return offset + 2;
    }
    out[offset] = STORED_CHILD;
    child.hash().copyTo(out, offset + 1);
    int next = writeVarint(out, offset + 1 + Hash.BYTES, height - child.ref().height());
    return writeVarint(out, next, child.ref().ordinal());
  }

  /**
   * The node at {@code ref} from its record {@code segment}, checked to hash to {@code expected};
   * null if the record does not hold such a node (damage, or a reference to something else). The
   * node's descendants within the record, decoded on the way (their hashes are part of the node's,
   * so they are checked with it), go to {@code alsoDecoded} once the node is found good, each with
   * its depth in the tree given the node's {@code depth}.
   */
  static TreeNode decode(
      CryptoSuite suite,
      NodeRef ref,
      byte[] segment,
      Hash expected,
      int depth,
      DecodedSink alsoDecoded) {
    Reader reader = new Reader(suite, segment, ref);
    try {
      TreeNode node = reader.decode(ref.indexInSegment(), depth);
      if (!node.hash().equals(expected)) {
        return null;
      }
      reader.forEachDecoded(alsoDecoded);
      return node;
    } catch (MalformedSegmentException e) {
      return null;
    }
  }

  /**
   * {@link #decode(CryptoSuite, NodeRef, byte[], Hash, int, DecodedSink)} keeping only the node.
   */
  static TreeNode decode(CryptoSuite suite, NodeRef ref, byte[] segment, Hash expected) {
    return decode(suite, ref, segment, expected, 0, (other, node, depth) -> {});
  }

  /** Receives the nodes a decode checked on the way, with their depths in the tree. */
  @FunctionalInterface
  interface DecodedSink {
    void accept(NodeRef ref, TreeNode node, int depth);
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
   * Reads the nodes of one record; any malformed byte is a {@link MalformedSegmentException}.
   * Decoding a node decodes the earlier nodes of the record it names as children, each once.
   */
  private static final class Reader {
    private final CryptoSuite suite;
    private final byte[] bytes;
    private final long height;
    private final int firstOrdinal;
    private final int[] offsets;
    private final TreeNode[] decoded;
    private final int[] depths;
    private int offset;

    Reader(CryptoSuite suite, byte[] bytes, NodeRef ref) {
      this.suite = suite;
      this.bytes = bytes;
      this.height = ref.height();
      this.firstOrdinal = ref.ordinal() - ref.indexInSegment();
      this.offsets = new int[ref.indexInSegment() + 1];
      this.decoded = new TreeNode[ref.indexInSegment() + 1];
      this.depths = new int[ref.indexInSegment() + 1];
    }

    /** Node {@code index} of the record (0-based), which sits at {@code depth} in the tree. */
    TreeNode decode(int index, int depth) throws MalformedSegmentException {
      for (int i = 0; i <= index; i++) {
        offsets[i] = offset;
        skipNode();
      }
      return node(index, depth);
    }

    void forEachDecoded(DecodedSink sink) {
      for (int i = 0; i < decoded.length - 1; i++) {
        if (decoded[i] != null) {
          sink.accept(new NodeRef(height, firstOrdinal + i), decoded[i], depths[i]);
        }
      }
    }

    private TreeNode node(int index, int depth) throws MalformedSegmentException {
      if (decoded[index] != null) {
        return decoded[index];
      }
      offset = offsets[index];
      byte type = next();
      TreeNode node;
      if (type == LEAF) {
        node = TreeNode.Leaf.of(suite, hash(), hash());
      } else if (type == INNER) {
        TreeNode.Child left = child(index, depth + 1);
        TreeNode.Child right = child(index, depth + 1);
        if (left.empty() && right.empty()) {
          throw new MalformedSegmentException();
        }
        node = TreeNode.Inner.of(suite, left, right);
      } else {
        throw new MalformedSegmentException();
      }
      decoded[index] = node;
      depths[index] = depth;
      return node;
    }

    /** A child of node {@code parent}: an earlier node of this record, or of an earlier block. */
    private TreeNode.Child child(int parent, int depth) throws MalformedSegmentException {
      byte kind = next();
      if (kind == EMPTY_CHILD) {
        return TreeNode.Child.EMPTY;
      }
      if (kind == LOCAL_CHILD) {
        int index = next() & 0xff;
        if (index >= parent) {
          throw new MalformedSegmentException();
        }
        int resume = offset;
        TreeNode child = node(index, depth);
        offset = resume;
        return new TreeNode.Child(child.hash(), new NodeRef(height, firstOrdinal + index));
      }
      if (kind != STORED_CHILD) {
        throw new MalformedSegmentException();
      }
      Hash hash = hash();
      long delta = varint(63);
      long ordinal = varint(31);
      boolean sameRecord =
          delta == 0 && ordinal / NODES_PER_SEGMENT == firstOrdinal / NODES_PER_SEGMENT;
      if (delta > height || (delta == 0 && ordinal >= firstOrdinal + parent) || sameRecord) {
        throw new MalformedSegmentException();
      }
      if (hash.equals(StateHashing.EMPTY)) {
        throw new MalformedSegmentException();
      }
      return new TreeNode.Child(hash, new NodeRef(height - delta, (int) ordinal));
    }

    private void skipNode() throws MalformedSegmentException {
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
      byte kind = next();
      if (kind == EMPTY_CHILD) {
        return;
      }
      if (kind == LOCAL_CHILD) {
        skip(1);
        return;
      }
      skip(Hash.BYTES);
      varint(63);
      varint(31);
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
