package org.govchain.node.audit;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.govchain.core.chain.ChainId;
import org.govchain.core.crypto.Hash;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.chain.GenesisBootstrap;
import org.govchain.node.chain.HostedChains;
import org.govchain.storage.ChainSpec;
import org.govchain.storage.ChainStore;
import org.govchain.storage.StateView;
import org.govchain.storage.Store;
import org.govchain.storage.StoreOpenException;
import org.govchain.storage.StoreOptions;

/**
 * A node's data directory opened read-only ({@link Store#openReadOnly}): nothing in it is written.
 * Its chains are {@link ChainSource}s that also expose the stored state roots and state, which a
 * replay compares with its own re-execution.
 */
public final class DataDirectory implements AutoCloseable {
  private final Store store;

  private DataDirectory(Store store) {
    this.store = store;
  }

  /**
   * Opens {@code directory}: a node's data directory (holding {@code store/}) or the store itself.
   * The store must keep exactly the chains of {@code chains}.
   */
  public static DataDirectory open(Path directory, HostedChains chains) throws StoreOpenException {
    Path store = directory.resolve("store");
    Path location = Files.exists(store.resolve("CURRENT")) ? store : directory;
    List<ChainSpec> specs =
        chains.all().stream().map(c -> new ChainSpec(c.id(), c.suite().id())).toList();
    StoreOptions options = StoreOptions.defaults().withVerifyChecksumsOnOpen(true);
    return new DataDirectory(Store.openReadOnly(location, options, specs));
  }

  public Store store() {
    return store;
  }

  /** The blocks of {@code chain} from height 0 to its latest. */
  public ChainSource source(ChainSetup chain) {
    return new StoredChain(store.chain(chain.id()));
  }

  /** The block of {@code height} of {@code chain} and its certificate. */
  public CertifiedBlock read(ChainSetup chain, long height) throws ReplayException {
    StoredChain stored = new StoredChain(store.chain(chain.id()));
    stored.next = height;
    return stored.next().orElseThrow();
  }

  @Override
  public void close() {
    store.close();
  }

  /** One chain of the store. */
  private static final class StoredChain implements ChainSource {
    private final ChainStore chain;
    private final long last;
    private long next;

    StoredChain(ChainStore chain) {
      this.chain = chain;
      this.last = chain.latestHeight();
    }

    @Override
    public ChainId chain() {
      return chain.id();
    }

    @Override
    public Hash genesisHash() {
      Optional<ByteString> stored = chain.consensusLog().get(GenesisBootstrap.GENESIS_KEY);
      return stored
          .filter(bytes -> bytes.size() == Hash.BYTES)
          .map(bytes -> Hash.of(bytes.toByteArray()))
          .orElse(Hash.ZERO);
    }

    @Override
    public long lastHeight() {
      return last;
    }

    @Override
    public Optional<CertifiedBlock> next() throws ReplayException {
      if (next > last) {
        return Optional.empty();
      }
      long height = next;
      Block block;
      Optional<CommitCertificate> certificate;
      try {
        block = chain.block(height).orElse(null);
        certificate = chain.certificate(height);
      } catch (RuntimeException e) {
        throw unreadable(height, "the store cannot give the block: " + e.getMessage());
      }
      if (block == null) {
        throw unreadable(height, "the store has no block at this height (latest is " + last + ")");
      }
      next++;
      return Optional.of(new CertifiedBlock(height, block, certificate));
    }

    @Override
    public boolean storesState() {
      return true;
    }

    @Override
    public Optional<Hash> storedStateRoot(long height) throws ReplayException {
      try {
        return chain.stateRoot(height);
      } catch (RuntimeException e) {
        throw unreadable(height, "the store cannot give the state root: " + e.getMessage());
      }
    }

    @Override
    public Optional<StateView> storedState() throws ReplayException {
      try {
        return Optional.of(chain.state(last));
      } catch (RuntimeException e) {
        throw unreadable(last, "the store cannot give the state: " + e.getMessage());
      }
    }

    private ReplayException unreadable(long height, String reason) {
      return new ReplayException(chain.id(), height, ReplayProblem.UNREADABLE, reason);
    }

    @Override
    public void close() {
      // The store is closed by its DataDirectory.
    }
  }
}
