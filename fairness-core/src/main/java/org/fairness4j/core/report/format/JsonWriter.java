package org.fairness4j.core.report.format;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * A minimal streaming JSON writer with two-space indentation; NaN and infinities as strings. A key
 * written twice in one object is a bug of the caller (most readers keep only the last one, so data
 * would be lost): it throws {@link IllegalStateException}.
 */
final class JsonWriter {
  private final Writer out;
  private final Deque<Set<String>> keys = new ArrayDeque<>();
  private int depth;
  private boolean first = true;
  private boolean afterKey;

  JsonWriter(Writer out) {
    this.out = out;
  }

  JsonWriter beginObject() throws IOException {
    raw("{");
    keys.push(new HashSet<>());
    depth++;
    first = true;
    return this;
  }

  JsonWriter endObject() throws IOException {
    return end('}');
  }

  JsonWriter beginArray() throws IOException {
    raw("[");
    keys.push(Set.of());
    depth++;
    first = true;
    return this;
  }

  JsonWriter endArray() throws IOException {
    return end(']');
  }

  private JsonWriter end(char c) throws IOException {
    keys.pop();
    depth--;
    if (!first) {
      newline();
    }
    out.write(c);
    first = false;
    return this;
  }

  JsonWriter name(String key) throws IOException {
    Set<String> open = keys.peek();
    if (open == null || !open.add(key)) {
      throw new IllegalStateException(
          open == null ? "JSON key outside an object: " + key : "JSON key written twice: " + key);
    }
    separator();
    string(key);
    out.write(": ");
    afterKey = true;
    return this;
  }

  JsonWriter value(String s) throws IOException {
    if (s == null) {
      return raw("null");
    }
    prefix();
    string(s);
    return this;
  }

  JsonWriter value(double d) throws IOException {
    if (Double.isNaN(d)) {
      return value("NaN");
    }
    if (Double.isInfinite(d)) {
      return value(d > 0 ? "Infinity" : "-Infinity");
    }
    return raw(Double.toString(d));
  }

  JsonWriter value(long v) throws IOException {
    return raw(Long.toString(v));
  }

  JsonWriter value(boolean v) throws IOException {
    return raw(Boolean.toString(v));
  }

  private JsonWriter raw(String s) throws IOException {
    prefix();
    out.write(s);
    return this;
  }

  private void prefix() throws IOException {
    if (afterKey) {
      afterKey = false;
    } else if (depth > 0) {
      separator();
    }
    first = false;
  }

  private void separator() throws IOException {
    if (!first) {
      out.write(',');
    }
    newline();
    first = false;
  }

  private void newline() throws IOException {
    out.write('\n');
    for (int i = 0; i < depth; i++) {
      out.write("  ");
    }
  }

  private void string(String s) throws IOException {
    out.write('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.write("\\\"");
        case '\\' -> out.write("\\\\");
        case '\n' -> out.write("\\n");
        case '\r' -> out.write("\\r");
        case '\t' -> out.write("\\t");
        default -> {
          if (c < 0x20) {
            out.write(String.format("\\u%04x", (int) c));
          } else {
            out.write(c);
          }
        }
      }
    }
    out.write('"');
  }
}
