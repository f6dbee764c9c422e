package org.fairness4j.core.table.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 record reader: fields separated by one delimiter character, records by LF or
 * CRLF, a field that starts with a double quote is quoted ({@code ""} inside is one quote, line
 * breaks inside are part of the value). A quote inside an unquoted field is an ordinary character
 * (as in RFC 4180 readers such as Apache Commons CSV, Python's csv and pandas). Empty lines are
 * skipped and a UTF-8 byte-order mark at the start is dropped.
 *
 * <p>Unlike lenient readers it refuses, with the line of the problem, what would otherwise swallow
 * or shift rows silently: a quoted field never closed before the end of the file, text after the
 * closing quote of a quoted field, and a bare carriage return (an old Mac line end) outside quotes.
 *
 * <p>{@link #open} also refuses directories, compressed, binary and UTF-16 files, and text that is
 * not UTF-8, with one message naming the file. Not thread-safe.
 */
public final class CsvRecordReader implements Closeable {
  private final Path file;
  private final Reader in;
  private final char delimiter;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int len;
  private long line = 1;
  private long recordLine;
  private boolean first = true;

  /**
   * Reads records from a reader.
   *
   * @param file the file named in errors
   * @param in the text
   * @param delimiter the field separator (not a quote or line break)
   */
  public CsvRecordReader(Path file, Reader in, char delimiter) {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException(
          "the delimiter cannot be a quote or a line break: " + (int) delimiter);
    }
    this.file = file;
    this.in = in;
    this.delimiter = delimiter;
  }

  /**
   * Opens a UTF-8 CSV file.
   *
   * @param file the file
   * @param delimiter the field separator (not a quote or line break)
   * @return the reader; close it
   * @throws TableFormatException if the file is a directory, compressed, binary or UTF-16
   * @throws IOException if it cannot be opened
   */
  public static CsvRecordReader open(Path file, char delimiter) throws IOException {
    CsvInputCheck.check(file);
    java.nio.charset.CharsetDecoder utf8 =
        java.nio.charset.StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    return new CsvRecordReader(
        file,
        new java.io.InputStreamReader(java.nio.file.Files.newInputStream(file), utf8),
        delimiter);
  }

  /**
   * Returns the line on which the last record returned by {@link #next()} starts.
   *
   * @return the 1-based line
   */
  public long recordLine() {
    return recordLine;
  }

  private int read() throws IOException {
    if (pos == len) {
      len = in.read(buf, 0, buf.length);
      pos = 0;
      if (len <= 0) {
        len = 0;
        return -1;
      }
    }
    return buf[pos++];
  }

  private int peek() throws IOException {
    int c = read();
    if (c >= 0) {
      pos--;
    }
    return c;
  }

  /**
   * Reads the next record.
   *
   * @return its fields (mutable, the caller's), or null at the end of the file
   * @throws TableFormatException for an unclosed quote, text after a closing quote, a bare CR or
   *     text that is not UTF-8
   * @throws IOException if reading fails
   */
  public List<String> next() throws IOException {
    try {
      return nextRecord();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new TableFormatException(
          file, line, null, "is not UTF-8 text (" + e.getMessage() + "); save it as UTF-8");
    }
  }

  private List<String> nextRecord() throws IOException {
    int c = read();
    if (first) {
      first = false;
      if (c == '\uFEFF') {
        c = read();
      }
    }
    // Skip empty lines.
    while (c == '\n' || c == '\r') {
      if (c == '\r' && peek() != '\n') {
        throw bareCr();
      }
      if (c == '\r') {
        read();
      }
      line++;
      c = read();
    }
    if (c < 0) {
      return null;
    }
    recordLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    while (true) {
      field.setLength(0);
      if (c == '"') {
        long opened = line;
        while (true) {
          c = read();
          if (c < 0) {
            throw new TableFormatException(
                file,
                opened,
                null,
                "the quote that opens field "
                    + (fields.size() + 1)
                    + " is never closed (a stray quote? it would swallow the rest of the file)");
          }
          if (c == '"') {
            if (peek() == '"') {
              read();
              field.append('"');
              continue;
            }
            break;
          }
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
        c = read();
        if (c != delimiter && c != '\n' && c != '\r' && c >= 0) {
          throw new TableFormatException(
              file,
              line,
              null,
              "text after the closing quote of field "
                  + (fields.size() + 1)
                  + " (a quote inside a quoted field is written \"\")");
        }
      } else {
        while (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
          field.append((char) c);
          c = read();
        }
      }
      fields.add(field.toString());
      if (c == delimiter) {
        c = read();
        continue;
      }
      if (c == '\r') {
        if (peek() != '\n') {
          throw bareCr();
        }
        read();
      }
      if (c >= 0) {
        line++;
      }
      return fields;
    }
  }

  private TableFormatException bareCr() {
    return new TableFormatException(
        file,
        line,
        null,
        "a carriage return not followed by a line feed (old Mac line end); save the file with LF"
            + " or CRLF line ends");
  }

  /**
   * Closes the file.
   *
   * @throws IOException if closing fails
   */
  @Override
  public void close() throws IOException {
    in.close();
  }
}
