package org.govchain.p2p;

import com.google.protobuf.ByteString;
import java.util.concurrent.CompletableFuture;
import org.govchain.core.chain.NodeId;

/**
 * Serves one method of request/response calls from member peers. Called on a Netty I/O thread: it
 * must return at once and do slow work (disk, vault) elsewhere, completing the future when done. A
 * future completed exceptionally, or an exception thrown here, answers {@code FAILED} with the
 * exception's message.
 */
@FunctionalInterface
public interface RequestHandler {
  CompletableFuture<ByteString> handle(NodeId from, ByteString request);
}
