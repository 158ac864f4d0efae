package org.govchain.node.audit;

import java.util.Optional;
import org.govchain.core.proto.Block;
import org.govchain.core.proto.CommitCertificate;

/** One block of a chain and its commit certificate (none at height 0, the genesis block). */
public record CertifiedBlock(long height, Block block, Optional<CommitCertificate> certificate) {}
