package org.fairness4j.models.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.clip.ClipCheckpoint;
import org.fairness4j.models.image.ImagePreprocessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class ImageEmbedderTest {
  @TempDir Path dir;

  static Path resource(String name) {
    return TestFixtures.path(name);
  }

  private static List<Path> images() {
    return List.of(
        resource("/preprocess/gray_300x250.png"),
        resource("/preprocess/rgb_181x260.png"),
        resource("/preprocess/rgba_97x64.png"));
  }

  @Test
  void npyOutputEqualsInMemoryEncodingAndASecondRunComesFromTheCache() throws IOException {
    Path model = resource("/clip-tiny/config.json").getParent();
    try (ClipCheckpoint clip = ClipCheckpoint.load(model)) {
      ImagePreprocessor pre = ImagePreprocessor.forModel(model, clip.imageEncoder().imageSize());
      EmbeddingCache cache = new EmbeddingCache(dir.resolve("cache"), "tiny", pre.describe());
      ImageEmbedder embedder = new ImageEmbedder(clip.imageEncoder(), pre, cache, 2);
      Path out = dir.resolve("emb.npy");
      List<Long> cachedCounts = new ArrayList<>();
      embedder.encode(images(), out, (done, total, cached) -> cachedCounts.add(cached));
      assertEquals(List.of(0L, 0L), cachedCounts);
      byte[] first = Files.readAllBytes(out);
      cachedCounts.clear();
      embedder.encode(images(), out, (done, total, cached) -> cachedCounts.add(cached));
      assertEquals(List.of(2L, 3L), cachedCounts);
      assertArrayEquals(first, Files.readAllBytes(out));

      INDArray direct =
          new ImageEmbedder(clip.imageEncoder(), pre, null, 3)
              .encode(images(), ProgressListener.NONE);
      int header = 128;
      assertEquals(header + 3 * 16 * 4, first.length);
      float[] fromFile = new float[3 * 16];
      ByteBuffer.wrap(first, header, 3 * 16 * 4)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer()
          .get(fromFile);
      assertArrayEquals(direct.reshape(-1).toFloatVector(), fromFile, 1e-6f);
    }
  }

  @Test
  void npyHeaderIsAlignedAndDescribesTheArray() {
    byte[] h = NpyWriter.header(100000, 512);
    assertEquals(0, h.length % 64);
    String text = new String(h, 10, h.length - 10, java.nio.charset.StandardCharsets.US_ASCII);
    assertTrue(
        text.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 512), }"));
    assertTrue(text.endsWith("\n"));
  }

  @Test
  void anUnreadableImageIsNamedAndNoPartialFileIsLeft() throws IOException {
    Path model = resource("/clip-tiny/config.json").getParent();
    Path bad = dir.resolve("bad.png");
    Files.writeString(bad, "broken");
    try (ClipCheckpoint clip = ClipCheckpoint.load(model)) {
      ImageEmbedder e =
          new ImageEmbedder(clip.imageEncoder(), ImagePreprocessor.forModel(model, 32), null, 4);
      Path out = dir.resolve("out.npy");
      IOException ex =
          assertThrows(
              IOException.class,
              () -> e.encode(List.of(images().get(0), bad), out, ProgressListener.NONE));
      assertTrue(ex.getMessage().contains("bad.png"), ex.getMessage());
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(List.of(bad), files.toList());
      }
    }
  }

  @Test
  void cacheMissesForAnotherModelOrACorruptEntry() throws IOException {
    EmbeddingCache a = new EmbeddingCache(dir, "model-a", "pre");
    EmbeddingCache b = new EmbeddingCache(dir, "model-b", "pre");
    a.put("digest", new float[] {1, 2});
    assertArrayEquals(new float[] {1, 2}, a.get("digest", 2));
    assertNull(b.get("digest", 2));
    assertNull(a.get("digest", 3));
  }
}
