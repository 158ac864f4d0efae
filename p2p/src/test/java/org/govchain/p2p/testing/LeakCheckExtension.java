package org.govchain.p2p.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes a Netty buffer leak fail the test that caused it. Registered for every test of this module
 * (JUnit extension auto-detection), it installs, before any buffer class is loaded, a leak detector
 * that records leaks instead of only logging them; after each test it collects garbage, gives the
 * detector the chance to notice unreleased buffers, and fails on any it found. The build runs with
 * {@code -Dio.netty.leakDetection.level=paranoid}, so every buffer is tracked.
 */
public final class LeakCheckExtension implements AfterEachCallback {
  private static final List<String> LEAKS = new ArrayList<>();

  static {
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    for (int round = 0; round < 3; round++) {
      System.gc();
      // Each tracked allocation polls the detector's queue of collected, unreleased buffers.
      for (int i = 0; i < 8; i++) {
        ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(8);
        pooled.release();
        ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.heapBuffer(8);
        unpooled.release();
      }
    }
    List<String> found;
    synchronized (LEAKS) {
      found = new ArrayList<>(LEAKS);
      LEAKS.clear();
    }
    if (!found.isEmpty()) {
      fail(found.size() + " Netty buffer leak(s) detected:\n" + String.join("\n---\n", found));
    }
  }

  private static final class RecordingFactory extends ResourceLeakDetectorFactory {
    @Override
    @SuppressWarnings("deprecation") // the abstract method Netty still requires
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
        Class<T> resource, int samplingInterval, long maxActive) {
      return newResourceLeakDetector(resource, samplingInterval);
    }

    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
        Class<T> resource, int samplingInterval) {
      return new ResourceLeakDetector<T>(resource, samplingInterval) {
        @Override
        protected void reportTracedLeak(String resourceType, String records) {
          record(resourceType + " leaked: " + records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
          record(resourceType + " leaked (untraced)");
        }
      };
    }

    private static void record(String leak) {
      synchronized (LEAKS) {
        LEAKS.add(leak);
      }
    }
  }
}
