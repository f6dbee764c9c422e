package org.fairness4j.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A parsed YAML or JSON value that remembers the line it came from: a map (keys in file order), a
 * list or a scalar. Read with Jackson's streaming parser (the tree model drops locations).
 */
final class SourceNode {
  enum Kind {
    MAP,
    LIST,
    SCALAR
  }

  final Kind kind;
  final int line;
  final String source;
  final Map<String, SourceNode> map;
  final Map<String, Integer> keyLines;
  final List<SourceNode> list;
  final String text;
  final boolean numeric;
  final boolean isNull;

  private SourceNode(
      Kind kind,
      int line,
      String source,
      Map<String, SourceNode> map,
      Map<String, Integer> keyLines,
      List<SourceNode> list,
      String text,
      boolean numeric,
      boolean isNull) {
    this.kind = kind;
    this.line = line;
    this.source = source;
    this.map = map;
    this.keyLines = keyLines;
    this.list = list;
    this.text = text;
    this.numeric = numeric;
    this.isNull = isNull;
  }

  /** Parses YAML (a superset of JSON) or, with {@code json}, strict JSON. */
  static SourceNode parse(Reader in, String source, boolean json) throws PolicyFormatException {
    JsonFactory f = json ? new JsonFactory() : new YAMLFactory();
    try (JsonParser p = f.createParser(in)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new PolicyFormatException(source, 0, "the file is empty");
      }
      SourceNode root = read(p, source);
      if (p.nextToken() != null) {
        throw new PolicyFormatException(source, line(p), "more than one document");
      }
      return root;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      String problem = e.getOriginalMessage();
      if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
        // SnakeYAML's message spans lines (context, snippet, caret): keep its problem and line.
        line = m.getProblemMark().getLine() + 1;
        problem =
            (m.getContext() == null ? "" : m.getContext() + ": ")
                + m.getProblem()
                + " (column "
                + (m.getProblemMark().getColumn() + 1)
                + ")";
      }
      throw new PolicyFormatException(
          source, Math.max(line, 0), problem.replaceAll("\\s*\\R\\s*", " ").strip());
    } catch (PolicyFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new PolicyFormatException(source, 0, "cannot read: " + e.getMessage());
    }
  }

  private static int line(JsonParser p) {
    return Math.max(p.currentTokenLocation().getLineNr(), 0);
  }

  private static SourceNode read(JsonParser p, String source) throws IOException {
    int line = line(p);
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, SourceNode> m = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          int keyLine = line(p);
          if (m.containsKey(name)) {
            throw new PolicyFormatException(source, keyLine, "key '" + name + "' given twice");
          }
          p.nextToken();
          lines.put(name, keyLine);
          m.put(name, read(p, source));
        }
        return new SourceNode(
            Kind.MAP,
            line,
            source,
            Collections.unmodifiableMap(m),
            Collections.unmodifiableMap(lines),
            null,
            null,
            false,
            false);
      }
      case START_ARRAY -> {
        List<SourceNode> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(read(p, source));
        }
        return new SourceNode(
            Kind.LIST, line, source, null, null, List.copyOf(l), null, false, false);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new SourceNode(
            Kind.SCALAR, line, source, null, null, null, p.getText(), true, false);
      }
      case VALUE_NULL -> {
        return new SourceNode(Kind.SCALAR, line, source, null, null, null, null, false, true);
      }
      default -> {
        return new SourceNode(
            Kind.SCALAR, line, source, null, null, null, p.getText(), false, false);
      }
    }
  }

  /** The line of a key of this map (of the map itself when absent). */
  int lineOf(String key) {
    Integer l = keyLines == null ? null : keyLines.get(key);
    return l == null ? line : l;
  }

  PolicyFormatException error(String problem) {
    return new PolicyFormatException(source, line, problem);
  }

  SourceNode requireMap(String what) throws PolicyFormatException {
    if (kind != Kind.MAP) {
      throw error(what + " must be a mapping (key: value)");
    }
    return this;
  }

  List<SourceNode> requireList(String what) throws PolicyFormatException {
    if (kind != Kind.LIST) {
      throw error(what + " must be a list");
    }
    return list;
  }

  String string(String what) throws PolicyFormatException {
    if (kind != Kind.SCALAR || isNull) {
      throw error(what + " must be a text value");
    }
    return text;
  }

  double number(String what) throws PolicyFormatException {
    if (kind != Kind.SCALAR || isNull) {
      throw error(what + " must be a number");
    }
    try {
      double v = Double.parseDouble(text);
      if (!Double.isFinite(v)) {
        throw error(what + " must be a finite number, not '" + text + "'");
      }
      return v;
    } catch (NumberFormatException e) {
      throw error(what + " must be a number, not '" + text + "'");
    }
  }

  long integer(String what) throws PolicyFormatException {
    double v = number(what);
    if (v != Math.rint(v) || Math.abs(v) > 1e15) {
      throw error(what + " must be a whole number, not '" + text + "'");
    }
    return (long) v;
  }

  /** Fails on the first key of this map that is not in {@code known}, naming its line. */
  void checkKeys(List<String> known, String where) throws PolicyFormatException {
    for (Map.Entry<String, SourceNode> e : map.entrySet()) {
      if (!known.contains(e.getKey())) {
        throw new PolicyFormatException(
            source,
            keyLines.get(e.getKey()),
            "unknown key '"
                + e.getKey()
                + "' in "
                + where
                + " (known: "
                + String.join(", ", known)
                + ")");
      }
    }
  }
}
