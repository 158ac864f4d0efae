package org.govchain.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.govchain.p2p.proto.Channel;
import org.govchain.p2p.proto.Frame;
import org.govchain.p2p.proto.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The framing layer alone, on Netty's embedded channel: no sockets, time driven by the test. */
class FrameDecoderTest {
  private static final long ASSEMBLY_TIMEOUT_MILLIS = 1_000;

  private final List<Throwable> errors = new ArrayList<>();
  private final FrameDecoder decoder = new FrameDecoder(ASSEMBLY_TIMEOUT_MILLIS);
  private final EmbeddedChannel channel = newChannel();

  private EmbeddedChannel newChannel() {
    EmbeddedChannel embedded = new EmbeddedChannel();
    embedded.freezeTime();
    embedded
        .pipeline()
        .addLast(decoder)
        .addLast(
            new ChannelInboundHandlerAdapter() {
              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                errors.add(cause);
              }
            });
    return embedded;
  }

  @AfterEach
  void finish() {
    channel.finishAndReleaseAll();
  }

  private static Frame message(int payloadBytes) {
    return Frame.newBuilder()
        .setMessage(
            Message.newBuilder()
                .setChannel(Channel.CONSENSUS)
                .setPayload(ByteString.copyFrom(new byte[payloadBytes])))
        .build();
  }

  private static ByteBuf encoded(Frame frame) {
    return FrameCodec.encode(ByteBufAllocator.DEFAULT, frame);
  }

  private CloseReason onlyError() {
    assertEquals(1, errors.size(), "errors: " + errors);
    Throwable cause = errors.get(0);
    while (!(cause instanceof ProtocolException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return ((ProtocolException) cause).reason();
  }

  @Test
  void framesSplitAcrossReadsAndPackedInOneReadAreEachDecodedOnce() {
    decoder.frameBytesMax(1 << 20);
    ByteBuf first = encoded(message(300));
    ByteBuf second = encoded(message(5));
    ByteBuf both = Unpooled.wrappedBuffer(first, second);
    channel.writeInbound(both.readRetainedSlice(3));
    assertNull(channel.readInbound());
    channel.writeInbound(both.readRetainedSlice(200));
    assertNull(channel.readInbound());
    channel.writeInbound(both.retain());
    both.release();
    InboundFrame one = channel.readInbound();
    InboundFrame two = channel.readInbound();
    assertEquals(message(300), one.frame());
    assertEquals(FrameCodec.wireBytes(message(300)), one.wireBytes());
    assertEquals(message(5), two.frame());
    assertNull(channel.readInbound());
    assertTrue(errors.isEmpty());
  }

  @Test
  void beforeAuthenticationOnlyHandshakeSizedFramesPass() {
    channel.writeInbound(encoded(message(TransportLimits.HANDSHAKE_FRAME_BYTES_MAX)));
    assertEquals(CloseReason.FRAME_TOO_LARGE, onlyError());
    assertNull(channel.readInbound());
  }

  @Test
  void anOversizedLengthIsRefusedFromItsFourBytesAlone() {
    decoder.frameBytesMax(4096);
    ByteBuf prefix = Unpooled.buffer(4).writeInt(Integer.MAX_VALUE);
    channel.writeInbound(prefix);
    assertEquals(CloseReason.FRAME_TOO_LARGE, onlyError());
    // Everything after the error is discarded, not buffered.
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[10_000]));
    assertNull(channel.readInbound());
    assertEquals(1, errors.size());
  }

  @Test
  void zeroAndNegativeLengthsAreMalformed() {
    channel.writeInbound(Unpooled.buffer(4).writeInt(0));
    assertEquals(CloseReason.MALFORMED_FRAME, onlyError());
  }

  @Test
  void garbageThatIsNotAFrameIsMalformed() {
    decoder.frameBytesMax(4096);
    ByteBuf garbage = Unpooled.buffer();
    garbage.writeInt(6).writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3});
    channel.writeInbound(garbage);
    assertEquals(CloseReason.MALFORMED_FRAME, onlyError());
  }

  @Test
  void aFrameWithoutBodyIsMalformed() {
    decoder.frameBytesMax(4096);
    // A Frame holding only an unknown field: decodes, but carries no body.
    channel.writeInbound(Unpooled.buffer().writeInt(2).writeByte(0x78).writeByte(0x01));
    assertEquals(CloseReason.MALFORMED_FRAME, onlyError());
  }

  @Test
  void aTricklingFrameIsCutOffAtTheAssemblyTimeout() {
    decoder.frameBytesMax(1 << 20);
    ByteBuf frame = encoded(message(10_000));
    channel.writeInbound(frame.readRetainedSlice(100));
    channel.advanceTimeBy(ASSEMBLY_TIMEOUT_MILLIS / 2, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    channel.writeInbound(frame.readRetainedSlice(100));
    assertTrue(errors.isEmpty(), "progress alone does not extend the deadline, but it is not due");
    channel.advanceTimeBy(ASSEMBLY_TIMEOUT_MILLIS / 2, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertEquals(CloseReason.FRAME_ASSEMBLY_TIMEOUT, onlyError());
    frame.release();
  }

  @Test
  void aCompletedFrameCancelsItsAssemblyTimer() {
    decoder.frameBytesMax(1 << 20);
    ByteBuf frame = encoded(message(1000));
    channel.writeInbound(frame.readRetainedSlice(10));
    channel.writeInbound(frame);
    assertNotNull(channel.readInbound());
    channel.advanceTimeBy(10 * ASSEMBLY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertTrue(errors.isEmpty());
    assertFalse(channel.hasPendingTasks());
  }
}
