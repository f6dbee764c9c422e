package org.fairness4j.models.clip;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.WeightFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading errors name the file and every problem tensor. */
class ClipCheckpointTest {
  @TempDir Path dir;

  @Test
  void missingUnexpectedAndMisShapedTensorsAreAllListed() throws IOException {
    Path src = ClipParityTest.fixture("model.safetensors");
    Files.copy(ClipParityTest.fixture("config.json"), dir.resolve("config.json"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode header = json.createObjectNode();
    ByteBuffer data;
    try (SafetensorsFile f = SafetensorsFile.open(src)) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      for (String name : f.names()) {
        if (name.equals("visual_projection.weight")) {
          continue;
        }
        float[] v = f.floats(name);
        long[] shape = f.shape(name);
        if (name.equals("text_projection.weight")) {
          shape = new long[] {shape[1], shape[0]};
        }
        put(header, name, shape, bytes.size(), v.length);
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        bytes.write(b.array());
      }
      put(header, "text_model.extra.weight", new long[] {1}, bytes.size(), 1);
      bytes.write(new byte[4]);
      data = ByteBuffer.wrap(bytes.toByteArray());
    }
    byte[] h = json.writeValueAsBytes(header);
    ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length);
    Path out = dir.resolve("model.safetensors");
    Files.write(out, concat(len.array(), h, data.array()));
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> ClipCheckpoint.load(dir));
    String m = e.getMessage();
    assertTrue(m.startsWith(out.toString()), m);
    assertTrue(m.contains("missing [visual_projection.weight [16, 32]]"), m);
    assertTrue(m.contains("mis-shaped [text_projection.weight is [32, 16], expected [16, 32]]"), m);
    assertTrue(m.contains("unexpected [text_model.extra.weight]"), m);
  }

  @Test
  void aDirectoryWithoutWeightsIsNamed() throws IOException {
    Files.copy(ClipParityTest.fixture("config.json"), dir.resolve("config.json"));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ClipCheckpoint.load(dir));
    assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
  }

  private static void put(ObjectNode header, String name, long[] shape, int begin, int count) {
    ObjectNode t = header.putObject(name);
    t.put("dtype", "F32");
    var s = t.putArray("shape");
    for (long d : shape) {
      s.add(d);
    }
    var o = t.putArray("data_offsets");
    o.add(begin);
    o.add(begin + 4L * count);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
