package org.govchain.pbft;

import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;

/** A committed block with the commit certificate that proves it. */
public record CertifiedBlock(Block block, CommitCertificate certificate) {
  public CertifiedBlock {
    if (block == null || certificate == null) {
      throw new IllegalArgumentException("block and certificate are required");
    }
  }

  public long height() {
    return block.getHeader().getHeight();
  }
}
