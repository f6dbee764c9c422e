package org.fairness4j.core.table.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before parsing, that a path is a readable text file: not a directory, not compressed or
 * binary, not UTF-16. Each refusal is one message naming the file and what to do.
 */
final class CsvInputCheck {
  private static final int SNIFF_BYTES = 8192;

  private CsvInputCheck() {}

  static void check(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new TableFormatException(file, 0, null, "is a directory, not a CSV file");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new TableFormatException(
          file, 0, null, "is not a regular file (a pipe, FIFO or device); save it to a file first");
    }
    byte[] b;
    try (InputStream in = Files.newInputStream(file)) {
      b = in.readNBytes(SNIFF_BYTES);
    }
    String problem = problem(b);
    if (problem != null) {
      throw new TableFormatException(file, 0, null, problem);
    }
  }

  /** What is wrong with a file that starts with these bytes, or null. */
  static String problem(byte[] b) {
    if (b.length >= 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B) {
      return "is gzip-compressed; decompress it first (gunzip)";
    }
    if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
      return "is a ZIP archive (an Excel workbook?); export the sheet as CSV (UTF-8)";
    }
    if (b.length >= 2
        && ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE
            || (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF)) {
      return "is UTF-16 text; save it as UTF-8";
    }
    for (byte x : b) {
      if (x == 0) {
        return "is not a text file (it contains NUL bytes: binary, or UTF-16 without a"
            + " byte-order mark); give a UTF-8 CSV file";
      }
    }
    return null;
  }
}
