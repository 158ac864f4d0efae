package org.govchain.node.audit;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.govchain.core.chain.Blocks;
import org.govchain.core.chain.ChainId;
import org.govchain.core.codec.Canonical;
import org.govchain.core.crypto.CryptoSuite;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;
import org.govchain.core.proto.Genesis;

/**
 * Writes one chain's export file: the header, then one record per height from {@code from} to
 * {@code to}, then the trailer with the record count. Writes to a temporary file next to the target
 * and moves it into place on {@link #finish()}, so a failed export leaves no partial file behind.
 */
public final class ExportWriter implements AutoCloseable {
  private final Path target;
  private final Path temporary;
  private final DataOutputStream out;
  private final long from;
  private final long to;
  private long next;
  private boolean finished;

  private ExportWriter(Path target, Path temporary, DataOutputStream out, long from, long to) {
    this.target = target;
    this.temporary = temporary;
    this.out = out;
    this.from = from;
    this.to = to;
    this.next = from;
  }

  /** Starts an export of {@code chain} (made from {@code genesis}) covering heights from..to. */
  public static ExportWriter create(
      Path target, CryptoSuite suite, ChainId chain, Genesis genesis, long from, long to)
      throws IOException {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("heights " + from + ".." + to + " are not a range");
    }
    if (!genesis.getChainId().equals(chain.value())) {
      throw new IllegalArgumentException("genesis of " + genesis.getChainId() + ", not " + chain);
    }
    Path directory = target.toAbsolutePath().getParent();
    Path temporary = Files.createTempFile(directory, ".export-", ".partial");
    DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16));
    ExportWriter writer = new ExportWriter(target, temporary, out, from, to);
    try {
      out.write(ExportFormat.MAGIC);
      out.writeInt(ExportFormat.VERSION);
      byte[] id = chain.value().getBytes(StandardCharsets.US_ASCII);
      out.writeShort(id.length);
      out.write(id);
      out.write(Blocks.genesisHash(suite, genesis).toBytes());
      writer.writeBytes(Canonical.encode(genesis), ExportFormat.GENESIS_BYTES_MAX, "genesis");
      out.writeLong(from);
      out.writeLong(to);
    } catch (IOException | RuntimeException e) {
      writer.close();
      throw e;
    }
    return writer;
  }

  /** Appends the block of the next height (with its certificate; none at height 0). */
  public void append(Block block, Optional<CommitCertificate> certificate) throws IOException {
    long height = block.getHeader().getHeight();
    if (height != next || next > to) {
      throw new IllegalStateException("expected the block of height " + next + ", got " + height);
    }
    if (certificate.isEmpty() != (height == 0)) {
      throw new IllegalArgumentException("a certificate is needed at every height but 0");
    }
    out.writeByte(ExportFormat.BLOCK_TAG);
    out.writeLong(height);
    writeBytes(Canonical.encode(block), ExportFormat.BLOCK_BYTES_MAX, "block");
    writeBytes(
        certificate.map(Canonical::encode).orElse(new byte[0]),
        ExportFormat.CERTIFICATE_BYTES_MAX,
        "certificate");
    next++;
  }

  private void writeBytes(byte[] bytes, int max, String what) throws IOException {
    if (bytes.length > max) {
      throw new IOException(what + " of " + bytes.length + " bytes is over the format's " + max);
    }
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** Writes the trailer and moves the file into place; every height must have been appended. */
  public void finish() throws IOException {
    if (next != to + 1) {
      throw new IllegalStateException("export ends at height " + (next - 1) + ", not " + to);
    }
    out.writeByte(ExportFormat.END_TAG);
    out.writeLong(to - from + 1);
    out.close();
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    finished = true;
  }

  @Override
  public void close() {
    if (finished) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      // The partial file is deleted next; its contents do not matter.
    }
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      // Nothing more to do: the temporary file has a name no export uses.
    }
  }
}
