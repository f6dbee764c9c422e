package org.fairness4j.core.table.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.fairness4j.core.table.Binning;
import org.junit.jupiter.api.Test;

/** The coder applies the CSV reader's rules and survives serialization (it travels to Spark). */
class TableCoderTest {
  private static final CsvTableSpec SPEC =
      CsvTableSpec.builder("y", "p")
          .score("s")
          .positiveLabel("1")
          .categorical("sex")
          .binned("age", Binning.edges(0, 20, 40))
          .weight("w")
          .build();

  @Test
  void codesValuesAsTheCsvReaderReadsThem() {
    TableCoder c = TableCoder.of(SPEC);
    assertEquals(1, c.label("y", " 1 "));
    assertEquals("F", c.attributeToken(0, "F"));
    assertNull(c.attributeToken(0, "NA"));
    assertNull(c.attributeToken(0, ""));
    assertEquals("1", c.attributeToken(1, "25"));
    assertEquals("-1", c.attributeToken(1, "-3"));
    assertEquals("-2", c.attributeToken(1, "n/a"));
    assertEquals("-3", c.attributeToken(1, "old"));
    assertEquals(0.0, c.number("s", "-0.0"));
    assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(c.number("s", "-0.0")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> c.number("s", "NaN"));
    assertTrue(e.getMessage().contains("column 's'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> c.weight("w", "-1"));
    assertThrows(IllegalArgumentException.class, () -> c.label("y", "yes"));
    assertThrows(IllegalArgumentException.class, () -> c.cluster("c", " "));
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(TableCoder.of(SPEC));
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      TableCoder c = (TableCoder) in.readObject();
      assertEquals(SPEC.toString(), c.spec().toString());
      assertEquals("2", c.attributeToken(1, "41"));
    }
  }
}
