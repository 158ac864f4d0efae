package org.govchain.p2p.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hand-driven client for hostile-peer tests: plain TCP or TLS with whatever certificate the test
 * chooses, writing raw bytes, counting (and releasing) what it receives, able to stop reading.
 */
public final class RawPeer implements AutoCloseable {
  private final Channel channel;
  private final AtomicLong receivedBytes = new AtomicLong();

  private RawPeer(EventLoopGroup group, InetSocketAddress address, SslContext tls) {
    RawPeer self = this;
    ChannelFuture connected =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    if (tls != null) {
                      channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                    }
                    channel
                        .pipeline()
                        .addLast(
                            new ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object message) {
                                if (message instanceof ByteBuf buffer) {
                                  self.receivedBytes.addAndGet(buffer.readableBytes());
                                }
                                ReferenceCountUtil.release(message);
                              }

                              @Override
                              public void exceptionCaught(
                                  ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                              }
                            });
                  }
                })
            .connect(address)
            .syncUninterruptibly();
    this.channel = connected.channel();
  }

  public static RawPeer plain(EventLoopGroup group, InetSocketAddress address) {
    return new RawPeer(group, address, null);
  }

  public static RawPeer tls(EventLoopGroup group, InetSocketAddress address, SslContext tls) {
    return new RawPeer(group, address, tls);
  }

  /** Waits for the TLS handshake as this side sees it; false if it failed. */
  public boolean awaitHandshake() {
    SslHandler ssl = channel.pipeline().get(SslHandler.class);
    return ssl.handshakeFuture().awaitUninterruptibly().isSuccess();
  }

  public void write(ByteBuf bytes) {
    channel.writeAndFlush(bytes);
  }

  public void stopReading() {
    channel.config().setAutoRead(false);
  }

  public long receivedBytes() {
    return receivedBytes.get();
  }

  public boolean isClosed() {
    return !channel.isOpen();
  }

  public Channel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
  }
}
