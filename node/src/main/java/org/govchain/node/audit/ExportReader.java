package org.govchain.node.audit;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.ChainId;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.crypto.Hash;
import org.govchain.core.crypto.SuiteId;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.Genesis;
import org.govchain.storage.StateView;

/**
 * Reads an export file as a {@link ChainSource}, checking the format as it goes: a problem in the
 * header is an {@link ExportFormatException} at open; a problem in a record or the trailer is a
 * {@link ReplayException} ({@link ReplayProblem#UNREADABLE}) naming the height it was met at.
 */
public final class ExportReader implements ChainSource {
  private final Path file;
  private final DataInputStream in;
  private final long size;
  private final ChainId chain;
  private final Hash genesisHash;
  private final Genesis genesis;
  private final long from;
  private final long to;
  private long position;
  private long next;
  private boolean ended;

  private ExportReader(Path file, DataInputStream in, long size, Header header) {
    this.file = file;
    this.in = in;
    this.size = size;
    this.chain = header.chain();
    this.genesisHash = header.genesisHash();
    this.genesis = header.genesis();
    this.from = header.from();
    this.to = header.to();
    this.position = header.bytes();
    this.next = header.from();
  }

  private record Header(
      ChainId chain, Hash genesisHash, Genesis genesis, long from, long to, long bytes) {}

  /** Opens {@code file} and reads its header. */
  public static ExportReader open(Path file) throws IOException, ExportFormatException {
    long size = Files.size(file);
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    try {
      return new ExportReader(file, in, size, readHeader(file, in, size));
    } catch (IOException | ExportFormatException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private static Header readHeader(Path file, DataInputStream in, long size)
      throws IOException, ExportFormatException {
    try {
      byte[] magic = new byte[ExportFormat.MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, ExportFormat.MAGIC)) {
        throw new ExportFormatException(file + ": not a govchain export (wrong magic)");
      }
      int version = in.readInt();
      if (version != ExportFormat.VERSION) {
        throw new ExportFormatException(
            file + ": export format version " + version + ", this govchain reads 1");
      }
      int idLength = in.readUnsignedShort();
      if (idLength < 1 || idLength > ExportFormat.CHAIN_ID_BYTES_MAX) {
        throw new ExportFormatException(file + ": chain id of " + idLength + " bytes");
      }
      byte[] id = new byte[idLength];
      in.readFully(id);
      byte[] hash = new byte[Hash.BYTES];
      in.readFully(hash);
      int genesisLength = in.readInt();
      long fixed = 8 + 4 + 2 + idLength + Hash.BYTES + 4;
      if (genesisLength < 0
          || genesisLength > ExportFormat.GENESIS_BYTES_MAX
          || genesisLength > size - fixed) {
        throw new ExportFormatException(file + ": genesis of " + genesisLength + " bytes");
      }
      byte[] genesisBytes = new byte[genesisLength];
      in.readFully(genesisBytes);
      long from = in.readLong();
      long to = in.readLong();
      ChainId chain = ChainId.parse(new String(id, StandardCharsets.US_ASCII));
      Genesis genesis =
          Canonical.decode(
              Genesis.parser(), genesisBytes, ExportFormat.GENESIS_BYTES_MAX, "genesis");
      Hash genesisHash = Hash.of(hash);
      CryptoSuite suite = CryptoSuite.of(SuiteId.fromProto(genesis.getSuite()));
      if (!genesis.getChainId().equals(chain.value())
          || !Blocks.genesisHash(suite, genesis).equals(genesisHash)) {
        throw new ExportFormatException(
            file + ": the header's genesis is not the genesis of chain " + chain + " it names");
      }
      if (from < 0 || to < from) {
        throw new ExportFormatException(file + ": heights " + from + ".." + to);
      }
      return new Header(chain, genesisHash, genesis, from, to, fixed + genesisLength + 16);
    } catch (EOFException e) {
      throw new ExportFormatException(file + ": truncated in its header", e);
    } catch (MalformedInputException e) {
      throw new ExportFormatException(file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** The genesis the export carries (its hash is {@link #genesisHash()}). */
  public Genesis genesis() {
    return genesis;
  }

  public long firstHeight() {
    return from;
  }

  @Override
  public ChainId chain() {
    return chain;
  }

  @Override
  public Hash genesisHash() {
    return genesisHash;
  }

  @Override
  public long lastHeight() {
    return to;
  }

  @Override
  public Optional<CertifiedBlock> next() throws ReplayException {
    if (ended) {
      return Optional.empty();
    }
    try {
      if (next > to) {
        readTrailer();
        return Optional.empty();
      }
      return Optional.of(readRecord());
    } catch (EOFException e) {
      throw unreadable("the file is truncated (it ends before height " + to + " and its trailer)");
    } catch (IOException e) {
      throw unreadable("cannot read " + file + ": " + e.getMessage());
    }
  }

  private CertifiedBlock readRecord() throws IOException, ReplayException {
    byte tag = in.readByte();
    if (tag != ExportFormat.BLOCK_TAG) {
      throw unreadable("a record with tag " + tag + " where the block of height " + next + " goes");
    }
    long height = in.readLong();
    position += 9;
    if (height != next) {
      throw unreadable("the record of height " + height + " where " + next + " goes");
    }
    byte[] blockBytes = readBytes(ExportFormat.BLOCK_BYTES_MAX, "block");
    byte[] certificateBytes = readBytes(ExportFormat.CERTIFICATE_BYTES_MAX, "certificate");
    try {
      Block block = Canonical.decode(Block.parser(), blockBytes, blockBytes.length, "block");
      Optional<CommitCertificate> certificate = Optional.empty();
      if (certificateBytes.length > 0) {
        certificate =
            Optional.of(
                Canonical.decode(
                    CommitCertificate.parser(),
                    certificateBytes,
                    certificateBytes.length,
                    "certificate"));
      }
      next++;
      return new CertifiedBlock(height, block, certificate);
    } catch (MalformedInputException e) {
      throw unreadable(e.getMessage());
    }
  }

  private byte[] readBytes(int max, String what) throws IOException, ReplayException {
    int length = in.readInt();
    position += 4;
    if (length < 0 || length > max) {
      throw unreadable(what + " length " + length + " is over the format's limit of " + max);
    }
    if (length > size - position) {
      throw unreadable(what + " of " + length + " bytes runs past the end of the file");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    position += length;
    return bytes;
  }

  private void readTrailer() throws IOException, ReplayException {
    byte tag = in.readByte();
    if (tag != ExportFormat.END_TAG) {
      throw unreadable("a record with tag " + tag + " after the last height " + to);
    }
    long count = in.readLong();
    if (count != to - from + 1) {
      throw unreadable(
          "the trailer counts " + count + " records, the file holds " + (to - from + 1));
    }
    if (in.read() != -1) {
      throw unreadable("bytes follow the trailer");
    }
    ended = true;
  }

  private ReplayException unreadable(String reason) {
    return new ReplayException(chain, next, ReplayProblem.UNREADABLE, file + ": " + reason);
  }

  @Override
  public boolean storesState() {
    return false;
  }

  @Override
  public Optional<Hash> storedStateRoot(long height) {
    return Optional.empty();
  }

  @Override
  public Optional<StateView> storedState() {
    return Optional.empty();
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // Read-only: nothing is lost.
    }
  }
}
