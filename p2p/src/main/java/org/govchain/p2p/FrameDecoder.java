package org.govchain.p2p;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.govchain.p2p.proto.Frame;

/**
 * Splits the decrypted byte stream into frames. The declared length is checked against the current
 * maximum before any of the body is kept, so an oversized frame costs four bytes, not the declared
 * size; a frame whose first byte arrived must be complete within the assembly timeout, so a peer
 * cannot hold a connection and a partial buffer open by trickling bytes. The maximum is the small
 * handshake maximum until the session raises it after authentication.
 *
 * <p>After the first error every later byte is discarded: the session closes the connection.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  private final long assemblyTimeoutMillis;
  private int frameBytesMax = TransportLimits.HANDSHAKE_FRAME_BYTES_MAX;
  private ScheduledFuture<?> assemblyTimer;
  private boolean failed;

  FrameDecoder(long assemblyTimeoutMillis) {
    this.assemblyTimeoutMillis = assemblyTimeoutMillis;
    // A large frame arrives as several TLS records: keeping them as components of one composite
    // buffer, instead of merging each into a growing copy, leaves one copy per frame (into the
    // frame's own array, below).
    setCumulator(COMPOSITE_CUMULATOR);
  }

  /** Raises (or lowers) the largest accepted frame; called on the channel's event loop. */
  void frameBytesMax(int value) {
    this.frameBytesMax = value;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws ProtocolException {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < FrameCodec.LENGTH_PREFIX_BYTES) {
      armAssemblyTimer(ctx, in);
      return;
    }
    int bodyBytes = in.getInt(in.readerIndex());
    long wireBytes = FrameCodec.LENGTH_PREFIX_BYTES + (long) bodyBytes;
    if (bodyBytes <= 0) {
      throw fail(CloseReason.MALFORMED_FRAME, "frame declares length " + bodyBytes);
    }
    if (wireBytes > frameBytesMax) {
      throw fail(
          CloseReason.FRAME_TOO_LARGE,
          "frame of " + wireBytes + " bytes; at most " + frameBytesMax + " accepted here");
    }
    if (in.readableBytes() < wireBytes) {
      armAssemblyTimer(ctx, in);
      return;
    }
    disarmAssemblyTimer();
    in.skipBytes(FrameCodec.LENGTH_PREFIX_BYTES);
    // One copy out of Netty's buffer into an array this frame owns; the payload ByteStrings alias
    // it (the array is never written again), so decoding copies the payload exactly once.
    byte[] body = new byte[bodyBytes];
    in.readBytes(body);
    Frame frame;
    try {
      CodedInputStream input = CodedInputStream.newInstance(body);
      input.enableAliasing(true);
      frame = Frame.parser().parseFrom(input);
    } catch (InvalidProtocolBufferException e) {
      throw fail(CloseReason.MALFORMED_FRAME, "undecodable frame: " + e.getMessage());
    }
    if (frame.getBodyCase() == Frame.BodyCase.BODY_NOT_SET) {
      throw fail(CloseReason.MALFORMED_FRAME, "frame without a body");
    }
    out.add(new InboundFrame(frame, (int) wireBytes));
  }

  private ProtocolException fail(CloseReason reason, String message) {
    failed = true;
    disarmAssemblyTimer();
    return new ProtocolException(reason, message);
  }

  private void armAssemblyTimer(ChannelHandlerContext ctx, ByteBuf in) {
    if (assemblyTimer != null || !in.isReadable()) {
      return;
    }
    assemblyTimer =
        ctx.executor()
            .schedule(
                () -> {
                  assemblyTimer = null;
                  if (!failed) {
                    failed = true;
                    ctx.fireExceptionCaught(
                        new ProtocolException(
                            CloseReason.FRAME_ASSEMBLY_TIMEOUT,
                            "frame incomplete after " + assemblyTimeoutMillis + " ms"));
                  }
                },
                assemblyTimeoutMillis,
                TimeUnit.MILLISECONDS);
  }

  private void disarmAssemblyTimer() {
    if (assemblyTimer != null) {
      assemblyTimer.cancel(false);
      assemblyTimer = null;
    }
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    disarmAssemblyTimer();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    disarmAssemblyTimer();
    super.channelInactive(ctx);
  }
}
