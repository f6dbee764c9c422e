package org.fairness4j.models.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tensors from a safetensors file: an 8-byte little-endian header length, a JSON header
 * mapping tensor names to {@code dtype}, {@code shape} and {@code data_offsets}, then the raw
 * little-endian data. Floating tensors (F32, F16, BF16, F64) read as float; integer tensors (I32,
 * I64) as int. The file is memory-mapped; {@link #close()} releases it.
 */
public final class SafetensorsFile implements AutoCloseable {
  private static final long MAX_HEADER = 100L << 20;

  private final Path file;
  private final FileChannel channel;
  private final ByteBuffer data;
  private final Map<String, Entry> entries;
  private final Map<String, String> metadata;

  /** One tensor's place in the file. */
  private record Entry(String dtype, long[] shape, long begin, long end) {}

  private SafetensorsFile(
      Path file,
      FileChannel channel,
      ByteBuffer data,
      Map<String, Entry> entries,
      Map<String, String> metadata) {
    this.file = file;
    this.channel = channel;
    this.data = data;
    this.entries = entries;
    this.metadata = metadata;
  }

  /**
   * Opens a file and reads its header.
   *
   * @param file the safetensors file
   * @return the open file
   * @throws WeightFormatException if the header is malformed or a tensor lies outside the data
   * @throws IOException if the file cannot be read
   */
  public static SafetensorsFile open(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      long size = ch.size();
      if (size < 8) {
        throw new WeightFormatException(file, "not a safetensors file: " + size + " bytes");
      }
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, len, 0);
      long headerLength = len.getLong(0);
      if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > size) {
        String text = textStart(ch, size);
        if (text != null && text.startsWith("version https://git-lfs")) {
          throw new WeightFormatException(
              file,
              "a git-lfs pointer, not the weights: run git lfs install and git lfs pull in the"
                  + " clone, or download the file itself");
        }
        throw new WeightFormatException(
            file,
            "bad header length "
                + headerLength
                + " for a file of "
                + size
                + " bytes"
                + (text == null
                    ? ""
                    : " (it is text starting '" + text + "': a failed download?)"));
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      readFully(ch, header, 8);
      JsonNode root;
      try {
        root = new ObjectMapper().readTree(header.array());
      } catch (IOException e) {
        throw new WeightFormatException(file, "header is not JSON: " + e.getMessage());
      }
      long dataStart = 8 + headerLength;
      long dataSize = size - dataStart;
      Map<String, Entry> entries = new LinkedHashMap<>();
      Map<String, String> metadata = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("__metadata__")) {
          e.getValue()
              .fields()
              .forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
          continue;
        }
        entries.put(e.getKey(), entry(file, e.getKey(), e.getValue(), dataSize));
      }
      if (dataSize > Integer.MAX_VALUE) {
        throw new WeightFormatException(file, "files over 2 GiB are not supported yet");
      }
      ByteBuffer data =
          ch.map(FileChannel.MapMode.READ_ONLY, dataStart, dataSize).order(ByteOrder.LITTLE_ENDIAN);
      return new SafetensorsFile(
          file,
          ch,
          data,
          Collections.unmodifiableMap(entries),
          Collections.unmodifiableMap(metadata));
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static Entry entry(Path file, String name, JsonNode n, long dataSize)
      throws WeightFormatException {
    JsonNode dtype = n.get("dtype");
    JsonNode shape = n.get("shape");
    JsonNode offsets = n.get("data_offsets");
    if (dtype == null || shape == null || offsets == null || offsets.size() != 2) {
      throw new WeightFormatException(file, "tensor '" + name + "': incomplete header entry " + n);
    }
    long[] s = new long[shape.size()];
    long count = 1;
    for (int i = 0; i < s.length; i++) {
      s[i] = shape.get(i).asLong();
      count *= s[i];
    }
    long begin = offsets.get(0).asLong();
    long end = offsets.get(1).asLong();
    int width = width(dtype.asText());
    if (width < 0) {
      throw new WeightFormatException(
          file, "tensor '" + name + "': unsupported dtype " + dtype.asText());
    }
    if (begin < 0 || end < begin || end > dataSize) {
      throw new WeightFormatException(
          file,
          "tensor '"
              + name
              + "': data ["
              + begin
              + ", "
              + end
              + ") lies outside the "
              + dataSize
              + " data bytes (truncated file?)");
    }
    if (end - begin != count * width) {
      throw new WeightFormatException(
          file,
          "tensor '"
              + name
              + "': "
              + (end - begin)
              + " bytes for shape "
              + java.util.Arrays.toString(s)
              + " of "
              + dtype.asText());
    }
    return new Entry(dtype.asText(), s, begin, end);
  }

  private static int width(String dtype) {
    return switch (dtype) {
      case "F64", "I64" -> 8;
      case "F32", "I32" -> 4;
      case "F16", "BF16" -> 2;
      default -> -1;
    };
  }

  /** The first line (up to 60 characters) of a file that starts as printable text, else null. */
  private static String textStart(FileChannel ch, long size) throws IOException {
    ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 60));
    readFully(ch, head, 0);
    StringBuilder sb = new StringBuilder();
    for (byte b : head.array()) {
      if (b == '\n' || b == '\r') {
        break;
      }
      if (b < 0x20 || b > 0x7e) {
        return null;
      }
      sb.append((char) b);
    }
    return sb.toString();
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
    long p = position;
    while (b.hasRemaining()) {
      int r = ch.read(b, p);
      if (r < 0) {
        throw new IOException("unexpected end of file");
      }
      p += r;
    }
  }

  /**
   * Returns the tensor names in header order.
   *
   * @return an immutable list
   */
  public List<String> names() {
    return List.copyOf(entries.keySet());
  }

  /**
   * Returns whether a tensor exists.
   *
   * @param name the tensor name
   * @return true if present
   */
  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  /**
   * Returns the header's {@code __metadata__}.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Returns a tensor's shape.
   *
   * @param name the tensor name
   * @return a copy of the shape
   * @throws IllegalArgumentException if there is no such tensor
   */
  public long[] shape(String name) {
    return require(name).shape().clone();
  }

  /**
   * Returns a tensor's dtype as written in the file ({@code F32}, {@code BF16}, ...).
   *
   * @param name the tensor name
   * @return the dtype
   */
  public String dtype(String name) {
    return require(name).dtype();
  }

  /**
   * Reads a floating tensor as floats, in row-major order.
   *
   * @param name the tensor name
   * @return the values
   * @throws IllegalArgumentException if there is no such tensor or it is an integer tensor
   */
  public float[] floats(String name) {
    Entry e = require(name);
    ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    b.position((int) e.begin());
    int n = (int) ((e.end() - e.begin()) / width(e.dtype()));
    float[] out = new float[n];
    switch (e.dtype()) {
      case "F32" -> b.asFloatBuffer().get(out);
      case "F64" -> {
        for (int i = 0; i < n; i++) {
          out[i] = (float) b.getDouble();
        }
      }
      case "F16" -> {
        for (int i = 0; i < n; i++) {
          out[i] = Float.intBitsToFloat(halfToFloatBits(b.getShort()));
        }
      }
      case "BF16" -> {
        for (int i = 0; i < n; i++) {
          out[i] = Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
        }
      }
      default ->
          throw new IllegalArgumentException(
              "tensor '" + name + "' of " + file + " is " + e.dtype() + ", not floating point");
    }
    return out;
  }

  /**
   * Reads an integer tensor (I32, or I64 within int range) as ints.
   *
   * @param name the tensor name
   * @return the values
   * @throws IllegalArgumentException if there is no such tensor, it is not an integer tensor, or a
   *     value does not fit an int
   */
  public int[] ints(String name) {
    Entry e = require(name);
    ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    b.position((int) e.begin());
    int n = (int) ((e.end() - e.begin()) / width(e.dtype()));
    int[] out = new int[n];
    if (e.dtype().equals("I32")) {
      b.asIntBuffer().get(out);
    } else if (e.dtype().equals("I64")) {
      for (int i = 0; i < n; i++) {
        out[i] = Math.toIntExact(b.getLong());
      }
    } else {
      throw new IllegalArgumentException(
          "tensor '" + name + "' of " + file + " is " + e.dtype() + ", not an integer tensor");
    }
    return out;
  }

  /** IEEE 754 half to single precision bits (subnormals, infinities and NaN included). */
  static int halfToFloatBits(short half) {
    int h = half & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1F;
    int mant = h & 0x3FF;
    if (exp == 0x1F) {
      return sign | 0x7F800000 | (mant << 13);
    }
    if (exp == 0) {
      if (mant == 0) {
        return sign;
      }
      int e = 113;
      while ((mant & 0x400) == 0) {
        mant <<= 1;
        e--;
      }
      return sign | (e << 23) | ((mant & 0x3FF) << 13);
    }
    return sign | ((exp + 112) << 23) | (mant << 13);
  }

  private Entry require(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new IllegalArgumentException("no tensor '" + name + "' in " + file);
    }
    return e;
  }

  /**
   * Returns the file.
   *
   * @return the path
   */
  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
