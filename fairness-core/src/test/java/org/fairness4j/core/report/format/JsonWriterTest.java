package org.fairness4j.core.report.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test
  void escapesStringsAndWritesNonFiniteNumbersAsStrings() throws IOException {
    StringWriter out = new StringWriter();
    JsonWriter w = new JsonWriter(out);
    w.beginObject();
    w.name("a\"b\\c\n").value("{[\u0001");
    w.name("nan").value(Double.NaN);
    w.name("inf").value(Double.NEGATIVE_INFINITY);
    w.name("list").beginArray().value(1L).value(0.5).endArray();
    w.name("empty").beginObject().endObject();
    w.endObject();
    String expected =
        "{\n  \"a\\\"b\\\\c\\n\": \"{[\\u0001\",\n  \"nan\": \"NaN\",\n  \"inf\": \"-Infinity\",\n"
            + "  \"list\": [\n    1,\n    0.5\n  ],\n  \"empty\": {}\n}";
    assertEquals(expected, out.toString());
  }
}
