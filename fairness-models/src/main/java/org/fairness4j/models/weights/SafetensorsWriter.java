package org.fairness4j.models.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.fairness4j.core.io.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes float32 tensors and string metadata as a safetensors file, atomically (a temporary file in
 * the same directory, then a move): an interrupted write leaves the previous file intact. Used for
 * adapters, heads and training checkpoints; {@link SafetensorsFile} and Python's {@code
 * safetensors} read the result.
 */
public final class SafetensorsWriter {
  private SafetensorsWriter() {}

  /**
   * Writes the tensors (as F32, in map order) and metadata.
   *
   * @param file the file to create or replace
   * @param tensors name to array
   * @param metadata string metadata ({@code __metadata__}), may be empty
   * @throws IOException if writing fails; the file is then unchanged
   */
  public static void write(Path file, Map<String, INDArray> tensors, Map<String, String> metadata)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode header = json.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
      ObjectNode t = header.putObject(e.getKey());
      t.put("dtype", "F32");
      var shape = t.putArray("shape");
      for (long d : e.getValue().shape()) {
        shape.add(d);
      }
      long bytes = e.getValue().length() * 4;
      t.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] h = json.writeValueAsBytes(header);
    int pad = (8 - h.length % 8) % 8;
    byte[] padded = new byte[h.length + pad];
    System.arraycopy(h, 0, padded, 0, h.length);
    for (int i = h.length; i < padded.length; i++) {
      padded[i] = ' ';
    }
    Path abs = file.toAbsolutePath();
    Path tmp = AtomicFiles.tempFileFor(abs);
    try {
      try (OutputStream out =
          new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        len.putLong(padded.length);
        out.write(len.array());
        out.write(padded);
        for (INDArray a : tensors.values()) {
          float[] v = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
          ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
          b.asFloatBuffer().put(v);
          out.write(b.array());
        }
      }
      AtomicFiles.readableLikeTarget(tmp, abs);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
      AtomicFiles.release(tmp);
    }
  }
}
