package org.fairness4j.models.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.fairness4j.models.TestFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on files written by Python's safetensors (tools/make_clip_fixture.py). */
class SafetensorsFileTest {
  @TempDir Path dir;

  static Path fixture(String name) {
    return TestFixtures.path("/clip-tiny/" + name);
  }

  @Test
  void halfAndBfloat16ReadAsTheirFloatValues() throws IOException {
    try (SafetensorsFile f = SafetensorsFile.open(fixture("dtypes.safetensors"))) {
      assertEquals("F16", f.dtype("f16"));
      assertEquals("BF16", f.dtype("bf16"));
      assertArrayEquals(new long[] {3, 4}, f.shape("f16"));
      float[] exact = f.floats("f32");
      float[] half = f.floats("f16");
      float[] bf = f.floats("bf16");
      assertEquals(-3f, exact[0]);
      for (int i = 0; i < exact.length; i++) {
        assertEquals(exact[i], half[i], Math.abs(exact[i]) * 1e-3 + 1e-4, "f16 " + i);
        assertEquals(exact[i], bf[i], Math.abs(exact[i]) * 8e-3 + 1e-3, "bf16 " + i);
      }
    }
  }

  @Test
  void halfPrecisionSpecialValuesConvertExactly() {
    assertEquals(1.0f, Float.intBitsToFloat(SafetensorsFile.halfToFloatBits((short) 0x3C00)));
    assertEquals(-2.0f, Float.intBitsToFloat(SafetensorsFile.halfToFloatBits((short) 0xC000)));
    assertEquals(
        5.9604645e-8f, Float.intBitsToFloat(SafetensorsFile.halfToFloatBits((short) 0x0001)));
    assertEquals(65504f, Float.intBitsToFloat(SafetensorsFile.halfToFloatBits((short) 0x7BFF)));
    assertEquals(
        Float.POSITIVE_INFINITY,
        Float.intBitsToFloat(SafetensorsFile.halfToFloatBits((short) 0x7C00)));
    assertTrue(Float.isNaN(Float.intBitsToFloat(SafetensorsFile.halfToFloatBits((short) 0x7E00))));
  }

  @Test
  void integerTensorsAndMetadata() throws IOException {
    try (SafetensorsFile f = SafetensorsFile.open(fixture("reference.safetensors"))) {
      assertEquals(702, f.ints("input_ids")[0]);
      assertEquals("tools/make_clip_fixture.py", f.metadata().get("producer"));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> f.floats("input_ids"));
      assertTrue(e.getMessage().contains("I32"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> f.shape("nope"));
    }
  }

  @Test
  void truncatedFileNamesTheTensorOutsideTheData() throws IOException {
    byte[] all = Files.readAllBytes(fixture("model.safetensors"));
    Path cut = dir.resolve("cut.safetensors");
    Files.write(cut, Arrays.copyOf(all, all.length - 1000));
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> SafetensorsFile.open(cut));
    assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("truncated file?"), e.getMessage());
    assertTrue(e.getMessage().contains("tensor '"), e.getMessage());
  }

  @Test
  void garbageIsNotASafetensorsFile() throws IOException {
    Path bad = dir.resolve("bad.safetensors");
    Files.writeString(bad, "hello, this is not a model file at all");
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> SafetensorsFile.open(bad));
    assertTrue(e.getMessage().contains("bad header length"), e.getMessage());
  }
}
