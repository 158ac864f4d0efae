package org.govchain.benchmarks.query;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.CommitCertificates;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.PrivateKey;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.BlockHeader;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.CommitVote;
import org.govchain.node.chain.ChainSetup;
import org.govchain.node.client.Workload;
import org.govchain.storage.BlockCommit;
import org.govchain.storage.ChainStore;
import org.govchain.storage.ConsensusLogUpdate;
import org.govchain.storage.StateChanges;
import org.govchain.storage.StateOverlay;
import org.govchain.storage.StateView;
import org.govchain.subchains.Network;
import org.govchain.subchains.license.LicenseState;
import org.govchain.subchains.proto.LicenseContent;
import org.govchain.subchains.proto.LicenseRecord;
import org.govchain.subchains.proto.LicenseStatus;

/**
 * Fills a licence chain with N licence records through the store's own commit path ({@link
 * ChainStore#commit}: state tree, state root, block and certificate in one synced batch), in large
 * blocks without transactions, so a million licences take a minute instead of a million signed
 * transactions through consensus. Each block carries a commit certificate signed by {@code
 * validatorKey} — a real certificate when the chain's validator set is that single key (the
 * benchmark networks have one department).
 *
 * <p>The records are state only: no licence transaction, no holder index, so {@code govchain
 * replay} would refuse such a chain (its state roots are not the execution of its transactions).
 * They make the state tree as deep and as large as a chain of N issued licences.
 */
final class LicenceFill {
  private final ChainStore chain;
  private final ChainSetup setup;
  private final PrivateKey validatorKey;
  private final int blockLicences;

  LicenceFill(ChainStore chain, ChainSetup setup, PrivateKey validatorKey, int blockLicences) {
    if (blockLicences < 1) {
      throw new IllegalArgumentException("--block-licences must be positive");
    }
    this.chain = chain;
    this.setup = setup;
    this.validatorKey = validatorKey;
    this.blockLicences = blockLicences;
  }

  /** Adds licences {@code <prefix>.0 .. <prefix>.<n-1>}; returns the prefix. */
  String fill(Path net, long licences) throws Exception {
    Workload workload = new Workload(net, Network.parse("haidian"), setup.suite(), 7);
    LicenseContent template =
        workload
            .issue(workload.population().enterprise(1), "business_licence")
            .license()
            .signed()
            .getContent();
    LicenseRecord.Builder record =
        LicenseRecord.newBuilder()
            .setStatus(LicenseStatus.LICENSE_VALID)
            .setIssuerSignature(ByteString.copyFrom(new byte[72]));
    String prefix = template.getLicenseId().substring(0, template.getLicenseId().lastIndexOf('.'));
    long started = System.nanoTime();
    for (long from = 0; from < licences; from += blockLicences) {
      if (from > 0 && from % 1_000_000 == 0) {
        System.out.printf(
            Locale.ROOT,
            "  %,d licences after %.0f s%n",
            from,
            (System.nanoTime() - started) / 1e9);
      }
      StateChanges changes;
      long height = chain.latestHeight() + 1;
      try (StateView base = chain.state()) {
        StateOverlay overlay = StateOverlay.over(base);
        for (long index = from; index < Math.min(licences, from + blockLicences); index++) {
          String id = prefix + "." + index;
          LicenseRecord value =
              record
                  .setContent(template.toBuilder().setLicenseId(id))
                  .setIssuedHeight(height)
                  .setStatusHeight(height)
                  .build();
          overlay.put(LicenseState.licenseKey(id), Canonical.encodeToByteString(value));
        }
        changes = overlay.changes();
      }
      chain.commit(commit(changes, height));
    }
    return prefix;
  }

  private BlockCommit commit(StateChanges changes, long height) {
    Hash previous =
        height == 0
            ? Hash.ZERO
            : Blocks.hash(setup.suite(), chain.block(height - 1).orElseThrow().getHeader());
    long parentMillis =
        height == 0 ? 0 : chain.block(height - 1).orElseThrow().getHeader().getTimestampMillis();
    Block block =
        Block.newBuilder()
            .setHeader(
                BlockHeader.newBuilder()
                    .setChainId(setup.id().value())
                    .setHeight(height)
                    .setPreviousHash(previous.toByteString())
                    .setTimestampMillis(Math.max(parentMillis, System.currentTimeMillis()))
                    .setTransactionsRoot(
                        Blocks.transactionsRoot(setup.suite(), Block.getDefaultInstance())
                            .toByteString())
                    .setStateRoot(changes.root().toByteString()))
            .build();
    if (height == 0) {
      return BlockCommit.genesis(block, changes, ConsensusLogUpdate.empty());
    }
    Hash blockHash = Blocks.hash(setup.suite(), block.getHeader());
    CommitCertificate certificate =
        CommitCertificate.newBuilder()
            .setChainId(setup.id().value())
            .setHeight(height)
            .setBlockHash(blockHash.toByteString())
            .addVotes(
                CommitVote.newBuilder()
                    .setValidatorIndex(0)
                    .setSignature(
                        CommitCertificates.signVote(
                                setup.suite(), validatorKey, setup.id(), 0, height, blockHash)
                            .toByteString()))
            .build();
    return BlockCommit.of(block, certificate, changes, ConsensusLogUpdate.empty());
  }

  static long bytesOnDisk(Path directory) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(LicenceFill::size).sum();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
