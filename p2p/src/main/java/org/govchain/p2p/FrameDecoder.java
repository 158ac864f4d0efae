package org.govchain.p2p;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.govchain.p2p.proto.Frame;

/**
 * Splits the decrypted byte stream into frames. The declared length is checked against the current
 * maximum from its 4 bytes alone; then the body is copied, as its bytes arrive, straight into an
 * array of exactly that size, which the decoded payloads alias — every received byte is copied once
 * and no Netty buffer is held between reads. A frame whose first byte arrived must be complete
 * within the assembly timeout, so a peer cannot hold a connection and a partial frame open by
 * trickling bytes. The maximum is the small handshake maximum until the session raises it after
 * authentication, so the array a peer can make this node allocate is small until it is a member.
 *
 * <p>After the first error every later byte is discarded: the session closes the connection.
 */
final class FrameDecoder extends ChannelInboundHandlerAdapter {
  private final long assemblyTimeoutMillis;
  private final byte[] prefix = new byte[FrameCodec.LENGTH_PREFIX_BYTES];
  private int prefixBytes;
  private byte[] body;
  private int bodyBytes;
  private int frameBytesMax = TransportLimits.HANDSHAKE_FRAME_BYTES_MAX;
  private ScheduledFuture<?> assemblyTimer;
  private boolean failed;

  FrameDecoder(long assemblyTimeoutMillis) {
    this.assemblyTimeoutMillis = assemblyTimeoutMillis;
  }

  /** Raises (or lowers) the largest accepted frame; called on the channel's event loop. */
  void frameBytesMax(int value) {
    this.frameBytesMax = value;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    ByteBuf in = (ByteBuf) message;
    try {
      while (in.isReadable() && !failed) {
        if (body == null) {
          readPrefix(ctx, in);
        } else {
          readBody(ctx, in);
        }
      }
    } catch (ProtocolException e) {
      failed = true;
      disarmAssemblyTimer();
      ctx.fireExceptionCaught(e);
    } finally {
      in.release();
    }
  }

  private void readPrefix(ChannelHandlerContext ctx, ByteBuf in) throws ProtocolException {
    armAssemblyTimer(ctx);
    int declared;
    if (prefixBytes == 0 && in.readableBytes() >= prefix.length) {
      declared = in.readInt();
    } else {
      int take = Math.min(prefix.length - prefixBytes, in.readableBytes());
      in.readBytes(prefix, prefixBytes, take);
      prefixBytes += take;
      if (prefixBytes < prefix.length) {
        return;
      }
      declared =
          ((prefix[0] & 0xff) << 24)
              | ((prefix[1] & 0xff) << 16)
              | ((prefix[2] & 0xff) << 8)
              | (prefix[3] & 0xff);
    }
    if (declared <= 0) {
      throw new ProtocolException(CloseReason.MALFORMED_FRAME, "frame declares length " + declared);
    }
    long wireBytes = FrameCodec.LENGTH_PREFIX_BYTES + (long) declared;
    if (wireBytes > frameBytesMax) {
      throw new ProtocolException(
          CloseReason.FRAME_TOO_LARGE,
          "frame of " + wireBytes + " bytes; at most " + frameBytesMax + " accepted here");
    }
    body = new byte[declared];
    bodyBytes = 0;
  }

  private void readBody(ChannelHandlerContext ctx, ByteBuf in) throws ProtocolException {
    int take = Math.min(body.length - bodyBytes, in.readableBytes());
    in.readBytes(body, bodyBytes, take);
    bodyBytes += take;
    if (bodyBytes < body.length) {
      return;
    }
    byte[] complete = body;
    body = null;
    prefixBytes = 0;
    disarmAssemblyTimer();
    ctx.fireChannelRead(
        new InboundFrame(parse(complete), FrameCodec.LENGTH_PREFIX_BYTES + complete.length));
  }

  /** Decodes a body; the payloads alias {@code bytes}, which nothing writes again. */
  private static Frame parse(byte[] bytes) throws ProtocolException {
    Frame frame;
    try {
      CodedInputStream input = CodedInputStream.newInstance(bytes);
      input.enableAliasing(true);
      frame = Frame.parser().parseFrom(input);
    } catch (InvalidProtocolBufferException e) {
      throw new ProtocolException(
          CloseReason.MALFORMED_FRAME, "undecodable frame: " + e.getMessage());
    }
    if (frame.getBodyCase() == Frame.BodyCase.BODY_NOT_SET) {
      throw new ProtocolException(CloseReason.MALFORMED_FRAME, "frame without a body");
    }
    return frame;
  }

  private void armAssemblyTimer(ChannelHandlerContext ctx) {
    if (assemblyTimer != null) {
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
  public void handlerRemoved(ChannelHandlerContext ctx) {
    disarmAssemblyTimer();
    body = null;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    disarmAssemblyTimer();
    body = null;
    ctx.fireChannelInactive();
  }
}
