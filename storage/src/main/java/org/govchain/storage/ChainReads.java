package org.govchain.storage;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govchain.core.MalformedInputException;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.state.StateEntry;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/**
 * Reads of one chain's records through one {@link ReadOptions}: with a snapshot, every read sees
 * the same moment. Decodes strictly; anything stored that does not decode is corruption.
 */
final class ChainReads {
  /** Largest stored record decoded (a block with many large transactions). */
  static final int STORED_RECORD_BYTES_MAX = 512 << 20;

  /** The chain's latest block: its height and hash. */
  record Latest(long height, Hash hash) {}

  private final Rocks rocks;
  private final ChainColumns columns;
  private final ReadOptions read;

  ChainReads(Rocks rocks, ChainColumns columns, ReadOptions read) {
    this.rocks = rocks;
    this.columns = columns;
    this.read = read;
  }

  ChainColumns columns() {
    return columns;
  }

  /** The latest block, or null before the genesis block is committed. */
  Latest latest() {
    byte[] bytes = rocks.get(columns.chain, read, Keys.LATEST, "latest height");
    if (bytes == null) {
      return null;
    }
    if (bytes.length != 8 + Hash.BYTES) {
      throw corrupt("latest height record has " + bytes.length + " bytes");
    }
    return new Latest(
        Keys.readLong(bytes, 0), Hash.of(Arrays.copyOfRange(bytes, 8, 8 + Hash.BYTES)));
  }

  long latestHeight() {
    Latest latest = latest();
    return latest == null ? -1 : latest.height();
  }

  Optional<Block> block(long height) {
    return decoded(Keys.height(Keys.BLOCK, height), Block.parser(), "block " + height);
  }

  Optional<Long> heightOf(Hash blockHash) {
    byte[] bytes = rocks.get(columns.chain, read, Keys.hash(Keys.BLOCK_HASH, blockHash), "hash");
    if (bytes == null) {
      return Optional.empty();
    }
    if (bytes.length != 8) {
      throw corrupt("block hash index entry has " + bytes.length + " bytes");
    }
    return Optional.of(Keys.readLong(bytes, 0));
  }

  Optional<CommitCertificate> certificate(long height) {
    return decoded(
        Keys.height(Keys.CERTIFICATE, height), CommitCertificate.parser(), "certificate " + height);
  }

  Optional<TransactionLocation> transaction(Hash id) {
    byte[] bytes = rocks.get(columns.chain, read, Keys.hash(Keys.TRANSACTION, id), "tx index");
    if (bytes == null) {
      return Optional.empty();
    }
    if (bytes.length != 12) {
      throw corrupt("transaction index entry has " + bytes.length + " bytes");
    }
    return Optional.of(new TransactionLocation(Keys.readLong(bytes, 0), Keys.readInt(bytes, 8)));
  }

  /** The state root after block {@code height}; {@link StateHashing#EMPTY} for height -1. */
  Optional<Hash> stateRoot(long height) {
    return stateRootNode(height).map(TreeNode.Child::hash);
  }

  /** The state root after block {@code height} and where its node is stored. */
  Optional<TreeNode.Child> stateRootNode(long height) {
    if (height == -1) {
      return Optional.of(TreeNode.Child.EMPTY);
    }
    byte[] bytes = rocks.get(columns.chain, read, Keys.height(Keys.STATE_ROOT, height), "root");
    if (bytes == null) {
      return Optional.empty();
    }
    TreeNode.Child root = Keys.decodeRoot(bytes);
    if (root == null) {
      throw corrupt("state root record of height " + height + " is malformed");
    }
    return Optional.of(root);
  }

  private <T extends Message> Optional<T> decoded(byte[] key, Parser<T> parser, String what) {
    byte[] bytes = rocks.get(columns.chain, read, key, what);
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Canonical.decode(parser, bytes, STORED_RECORD_BYTES_MAX, "stored " + what));
    } catch (MalformedInputException e) {
      throw corrupt(e.getMessage());
    }
  }

  /** Tree nodes, each checked against the hash its parent (or the state root) names. */
  NodeSource nodes() {
    return (ref, expected, depth) -> {
      TreeNode cached = columns.nodeCache.get(ref);
      if (cached != null) {
        if (!cached.hash().equals(expected)) {
          throw corrupt("state tree node " + ref + " is not the node its parent names");
        }
        return cached;
      }
      columns.treeRecordReads.increment();
      byte[] segment =
          rocks.get(
              columns.tree, read, TreeSegments.key(ref.height(), ref.segment()), "tree nodes");
      if (segment == null) {
        throw corrupt("state tree node " + ref + " is missing");
      }
      TreeNode node =
          TreeSegments.decode(columns.suite, ref, segment, expected, depth, columns.nodeCache::put);
      if (node == null) {
        throw corrupt("state tree node " + ref + " does not match its hash " + expected.shortHex());
      }
      columns.nodeCache.put(ref, node, depth);
      return node;
    };
  }

  /**
   * The versions current at {@code height} of {@code keys}, each of which must hold a value there
   * (the state tree says so): one multi-get of the latest state, plus a history seek for a key
   * changed since {@code height} (only when {@code height} is not the latest).
   */
  Map<ByteString, StoredVersion> valueVersionsAt(List<ByteString> keys, long height) {
    List<byte[]> keyBytes = new ArrayList<>(keys.size());
    keys.forEach(key -> keyBytes.add(key.toByteArray()));
    List<byte[]> stored = rocks.multiGet(columns.state, read, keyBytes, "state");
    Map<ByteString, StoredVersion> versions = new HashMap<>();
    try (RocksIterator history = rocks.iterator(columns.history, read)) {
      for (int i = 0; i < keys.size(); i++) {
        ByteString key = keys.get(i);
        StoredVersion version = stored.get(i) == null ? null : decodeVersion(stored.get(i));
        if (version != null && version.height() > height) {
          version = supersededVersionAt(history, key, height);
        }
        if (version == null || version.value().isEmpty()) {
          throw corrupt("the state tree holds a key the state has no value for at " + height);
        }
        versions.put(key, version);
      }
    }
    return versions;
  }

  /** The key's latest version, or null if no block ever wrote it. */
  StoredVersion latestVersion(ByteString key) {
    byte[] bytes = rocks.get(columns.state, read, key.toByteArray(), "state");
    if (bytes == null) {
      return null;
    }
    return decodeVersion(bytes);
  }

  private StoredVersion decodeVersion(byte[] bytes) {
    StoredVersion version = StoredVersion.decode(bytes);
    if (version == null) {
      throw corrupt("latest state entry has an unknown form");
    }
    return version;
  }

  Optional<ByteString> latestValue(ByteString key) {
    StoredVersion version = latestVersion(key);
    return version == null ? Optional.empty() : version.value();
  }

  /** The value of {@code key} after block {@code height}. */
  Optional<ByteString> valueAt(ByteString key, long height) {
    StoredVersion version = latestVersion(key);
    if (version == null) {
      return Optional.empty();
    }
    if (version.height() <= height) {
      return version.value();
    }
    try (RocksIterator history = rocks.iterator(columns.history, read)) {
      return supersededValueAt(history, key, height);
    }
  }

  /**
   * The value of {@code key} at {@code height} from the superseded versions: the newest one that
   * started at or before {@code height}, or empty if the key was first written after it.
   */
  private Optional<ByteString> supersededValueAt(
      RocksIterator history, ByteString key, long height) {
    StoredVersion version = supersededVersionAt(history, key, height);
    return version == null ? Optional.empty() : version.value();
  }

  /** The newest superseded version of {@code key} written at or before {@code height}, or null. */
  private StoredVersion supersededVersionAt(RocksIterator history, ByteString key, long height) {
    history.seek(Keys.history(key, height));
    byte[] versions = Keys.historyVersions(key);
    if (!history.isValid() || !startsWith(history.key(), versions)) {
      Rocks.checkIterator(history, "state history");
      return null;
    }
    byte[] found = history.key();
    if (found.length != versions.length + 8) {
      throw corrupt("state history key has " + found.length + " bytes");
    }
    return new StoredVersion(~Keys.readLong(found, versions.length), historyValue(history.value()));
  }

  private Optional<ByteString> historyValue(byte[] stored) {
    if (stored.length == 1 && stored[0] == Keys.HISTORY_DELETE) {
      return Optional.empty();
    }
    if (stored.length >= 1 && stored[0] == Keys.HISTORY_PUT) {
      return Optional.of(ByteString.copyFrom(stored, 1, stored.length - 1));
    }
    throw corrupt("state history entry has an unknown form");
  }

  /** Scans the latest state ({@code height} = latest) or the state at an older height. */
  List<StateEntry> scan(ByteString prefix, ByteString startAfter, int limit, long height) {
    List<StateEntry> entries = new ArrayList<>();
    byte[] prefixBytes = prefix.toByteArray();
    try (RocksIterator iterator = rocks.iterator(columns.state, read);
        RocksIterator history = rocks.iterator(columns.history, read)) {
      boolean afterStart = startsAfterPrefix(startAfter, prefix);
      iterator.seek(afterStart ? startAfter.toByteArray() : prefixBytes);
      if (afterStart
          && iterator.isValid()
          && Arrays.equals(iterator.key(), startAfter.toByteArray())) {
        iterator.next();
      }
      while (iterator.isValid()
          && entries.size() < limit
          && startsWith(iterator.key(), prefixBytes)) {
        ByteString key = ByteString.copyFrom(iterator.key());
        StoredVersion version = decodeVersion(iterator.value());
        Optional<ByteString> value =
            version.height() <= height ? version.value() : supersededValueAt(history, key, height);
        value.ifPresent(v -> entries.add(new StateEntry(key, v)));
        iterator.next();
      }
      Rocks.checkIterator(iterator, "state");
    }
    return entries;
  }

  /** True if the scan starts after {@code startAfter} rather than at the prefix's first key. */
  private static boolean startsAfterPrefix(ByteString startAfter, ByteString prefix) {
    return !startAfter.isEmpty()
        && ByteString.unsignedLexicographicalComparator().compare(startAfter, prefix) >= 0;
  }

  static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  private StoreCorruptionException corrupt(String message) {
    return new StoreCorruptionException("chain " + columns.id() + ": " + message);
  }
}
