package org.fairness4j.models.embed;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a float32 {@code [rows, cols]} NumPy {@code .npy} file row by row (memory stays bounded),
 * into a temporary file that {@link #commit()} moves over the target: an interrupted run never
 * leaves a partial file under the final name.
 */
public final class NpyWriter implements AutoCloseable {
  private final Path target;
  private final Path tmp;
  private final OutputStream out;
  private final long rows;
  private final int cols;
  private long written;
  private boolean committed;

  /**
   * Starts a file.
   *
   * @param target the final path
   * @param rows number of rows that will be written
   * @param cols floats per row
   * @throws IOException if the temporary file cannot be created
   */
  public NpyWriter(Path target, long rows, int cols) throws IOException {
    this.target = target.toAbsolutePath();
    this.rows = rows;
    this.cols = cols;
    this.tmp = org.fairness4j.core.io.AtomicFiles.tempFileFor(this.target);
    this.out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
    out.write(header(rows, cols));
  }

  /** The version 1.0 header, padded so that the data starts on a 64-byte boundary. */
  static byte[] header(long rows, int cols) {
    String dict =
        "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
    int unpadded = 6 + 2 + 2 + dict.length() + 1;
    int pad = (64 - unpadded % 64) % 64;
    String h = dict + " ".repeat(pad) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    b.putShort((short) h.length());
    b.put(h.getBytes(StandardCharsets.US_ASCII));
    return b.array();
  }

  /**
   * Appends one row.
   *
   * @param row exactly {@code cols} floats
   * @throws IOException if writing fails
   */
  public void write(float[] row) throws IOException {
    if (row.length != cols) {
      throw new IllegalArgumentException("row has " + row.length + " values, expected " + cols);
    }
    if (written == rows) {
      throw new IllegalStateException("all " + rows + " rows are written");
    }
    ByteBuffer b = ByteBuffer.allocate(4 * cols).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(row);
    out.write(b.array());
    written++;
  }

  /**
   * Finishes the file and moves it into place.
   *
   * @throws IOException if not all rows were written, or the move fails
   */
  public void commit() throws IOException {
    if (written != rows) {
      throw new IOException(target + ": " + written + " of " + rows + " rows written");
    }
    out.close();
    org.fairness4j.core.io.AtomicFiles.readableLikeTarget(tmp, target);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    org.fairness4j.core.io.AtomicFiles.release(tmp);
    committed = true;
  }

  /** Discards the temporary file unless {@link #commit()} succeeded. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      out.close();
      Files.deleteIfExists(tmp);
      org.fairness4j.core.io.AtomicFiles.release(tmp);
    }
  }
}
