package org.fairness4j.core.table.csv;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The fast CSV path, for files without quote characters (the common case of machine-written
 * prediction tables): the file is read into memory, split at line boundaries into chunks parsed in
 * parallel, and fields are converted straight from bytes. Results and errors are identical to
 * {@link RecordCsvParser}'s; a file with a quote character goes to that parser instead.
 */
final class ByteCsvParser {
  private static final long MAX_BYTES = Integer.MAX_VALUE - 64;
  private static final int CHUNK_BYTES = 4 << 20;

  private ByteCsvParser() {}

  /** An error found in a chunk, with its line counted from the chunk start. */
  private static final class ChunkError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int chunkStart;
    final long localLine;
    final transient TableFormatException cause;

    ChunkError(int chunkStart, long localLine, TableFormatException cause) {
      super(null, null, false, false);
      this.chunkStart = chunkStart;
      this.localLine = localLine;
      this.cause = cause;
    }
  }

  /**
   * Reads the file, or returns null when it is not eligible for this path.
   *
   * @return the columns, or null for a file with quotes or bare CRs, over 2 GB, or a non-ASCII
   *     delimiter
   */
  static RawColumns read(Path file, CsvTableSpec spec, ScoreBinding sb) throws IOException {
    if (spec.delimiter() > 127 || Files.size(file) > MAX_BYTES) {
      return null;
    }
    byte[] b = Files.readAllBytes(file);
    for (int i = 0; i < b.length; i++) {
      // Quotes need the record parser; so do a bare CR and bytes that are not UTF-8, which it
      // reports.
      byte x = b[i];
      if (x == '"' || x == '\r' && (i + 1 == b.length || b[i + 1] != '\n')) {
        return null;
      }
      if (x < 0) {
        int skip = utf8Continuations(b, i);
        if (skip < 0) {
          return null;
        }
        i += skip;
      }
    }
    int pos = 0;
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      pos = 3;
    }
    long line = 1;
    while (pos < b.length && (b[pos] == '\n' || b[pos] == '\r')) {
      if (b[pos] == '\n') {
        line++;
      }
      pos++;
    }
    if (pos >= b.length) {
      throw new TableFormatException(file, 0, null, "empty file (no header row)");
    }
    int headerEnd = lineEnd(b, pos, b.length);
    String header = new String(b, pos, trimCr(b, pos, headerEnd) - pos, StandardCharsets.UTF_8);
    List<String> names =
        List.of(header.split(java.util.regex.Pattern.quote(String.valueOf(spec.delimiter())), -1));
    CsvColumns cols = new CsvColumns(file, line, names, spec, sb);
    long headerLine = line;
    int bodyStart = Math.min(b.length, headerEnd + 1);

    List<Integer> bounds = new ArrayList<>();
    bounds.add(bodyStart);
    int next = bodyStart + CHUNK_BYTES;
    while (next < b.length) {
      int cut = lineEnd(b, next, b.length);
      if (cut >= b.length - 1) {
        break;
      }
      bounds.add(cut + 1);
      next = cut + 1 + CHUNK_BYTES;
    }
    bounds.add(b.length);
    int chunks = bounds.size() - 1;
    RawColumns[] parts = new RawColumns[chunks];
    ChunkError[] errors = new ChunkError[chunks];
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              try {
                parts[c] = parseChunk(file, b, bounds.get(c), bounds.get(c + 1), cols, spec);
              } catch (ChunkError e) {
                errors[c] = e;
              }
            });
    for (ChunkError e : errors) {
      if (e != null) {
        long at = headerLine + 1 + countNewlines(b, bodyStart, e.chunkStart) + e.localLine;
        throw new TableFormatException(file, at, e.cause.column(), problem(e.cause));
      }
    }
    return RawColumns.concat(Arrays.asList(parts));
  }

  /** The problem text of an exception made with line 0 (everything after "file: "). */
  private static String problem(TableFormatException e) {
    String m = e.getMessage();
    String prefix = e.file() + ": ";
    String rest = m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    String col = e.column() == null ? "" : "column '" + e.column() + "': ";
    return rest.startsWith(col) ? rest.substring(col.length()) : rest;
  }

  private static RawColumns parseChunk(
      Path file, byte[] b, int start, int end, CsvColumns cols, CsvTableSpec spec) {
    int estimate = Math.max(16, (end - start) / 24);
    RawColumns raw = cols.newColumns(estimate);
    byte delimiter = (byte) spec.delimiter();
    int width = cols.width;
    int[] from = new int[width];
    int[] to = new int[width];
    ByteInterner interner = new ByteInterner();
    ByteInterner labels = spec.classes() == null ? null : new ByteInterner();
    long local = 0;
    int p = start;
    while (p < end) {
      int le = lineEnd(b, p, end);
      int e = trimCr(b, p, le);
      if (e > p) {
        try {
          int fields = 0;
          int fieldStart = p;
          for (int q = p; q < e; q++) {
            if (b[q] == delimiter) {
              if (fields < width) {
                from[fields] = fieldStart;
                to[fields] = q;
              }
              fields++;
              fieldStart = q + 1;
            }
          }
          if (fields < width) {
            from[fields] = fieldStart;
            to[fields] = e;
          }
          fields++;
          if (fields != width) {
            throw CsvValues.ragged(file, 0, fields, width);
          }
          raw.ensureRoom();
          int i = raw.n;
          raw.yTrue[i] =
              label(file, b, from[cols.yTrue], to[cols.yTrue], cols, cols.yTrue, spec, labels);
          raw.yPred[i] =
              label(file, b, from[cols.yPred], to[cols.yPred], cols, cols.yPred, spec, labels);
          if (raw.weights != null) {
            double w = number(file, b, from[cols.weight], to[cols.weight], cols, cols.weight);
            raw.weights[i] = CsvValues.nonNegative(file, 0, cols, cols.weight, w);
          }
          for (int s = 0; s < raw.scores.length; s++) {
            int c = cols.scores[s];
            raw.scores[s][i] = number(file, b, from[c], to[c], cols, c);
          }
          for (int a = 0; a < raw.attrs.length; a++) {
            int c = cols.attributes[a];
            raw.attrs[a][i] = interner.intern(b, from[c], to[c]);
          }
          raw.n++;
        } catch (TableFormatException ex) {
          throw new ChunkError(start, local, ex);
        }
      }
      local++;
      p = le + 1;
    }
    return raw;
  }

  private static int label(
      Path file,
      byte[] b,
      int from,
      int to,
      CsvColumns cols,
      int col,
      CsvTableSpec spec,
      ByteInterner labels)
      throws TableFormatException {
    if (labels != null) {
      return CsvValues.label(file, 0, cols, col, labels.intern(b, from, to), spec);
    }
    int i = from;
    int j = to;
    while (i < j && b[i] == ' ') {
      i++;
    }
    while (j > i && b[j - 1] == ' ') {
      j--;
    }
    boolean negative = i < j && b[i] == '-';
    int k = negative || (i < j && b[i] == '+') ? i + 1 : i;
    if (k < j && j - k <= 9) {
      int v = 0;
      for (; k < j; k++) {
        int d = b[k] - '0';
        if (d < 0 || d > 9) {
          break;
        }
        v = v * 10 + d;
      }
      if (k == j) {
        return negative ? -v : v;
      }
    }
    return CsvValues.label(
        file, 0, cols, col, new String(b, from, to - from, StandardCharsets.UTF_8), spec);
  }

  private static double number(Path file, byte[] b, int from, int to, CsvColumns cols, int col)
      throws TableFormatException {
    double d;
    try {
      d = JavaDoubleParser.parseDouble(b, from, to - from);
    } catch (NumberFormatException e) {
      return CsvValues.number(
          file, 0, cols, col, new String(b, from, to - from, StandardCharsets.UTF_8));
    }
    if (!Double.isFinite(d)) {
      CsvValues.finite(
          file, 0, cols, col, new String(b, from, to - from, StandardCharsets.UTF_8), d);
    }
    return d;
  }

  /**
   * The number of continuation bytes of the well-formed UTF-8 sequence starting with the non-ASCII
   * byte at {@code i}, or -1 if it is malformed (overlong forms and surrogates included).
   */
  static int utf8Continuations(byte[] b, int i) {
    int lead = b[i] & 0xFF;
    int n;
    int min;
    if (lead >= 0xC2 && lead <= 0xDF) {
      n = 1;
      min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      n = 2;
      min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      n = 3;
      min = 0x10000;
    } else {
      return -1;
    }
    if (i + n >= b.length) {
      return -1;
    }
    int cp = lead & (0x3F >> n);
    for (int k = 1; k <= n; k++) {
      int c = b[i + k] & 0xFF;
      if ((c & 0xC0) != 0x80) {
        return -1;
      }
      cp = cp << 6 | c & 0x3F;
    }
    if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
      return -1;
    }
    return n;
  }

  private static int lineEnd(byte[] b, int from, int end) {
    for (int i = from; i < end; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return end;
  }

  private static int trimCr(byte[] b, int from, int lineEnd) {
    return lineEnd > from && b[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
  }

  private static long countNewlines(byte[] b, int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        n++;
      }
    }
    return n;
  }
}
