package org.fairness4j.cli.nih;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NihProtocol#sample} against the authors' notebook itself. Golden files: the notebook
 * {@code dataset/nih6x200.ipynb} of mu9enn/fair_analysis_med_clip at commit eafd0c2, its code cells
 * run unmodified by {@code /work/pyenv/bin/python tools/run_authors_notebook.py --notebook
 * nih6x200.ipynb --metadata META --out src/test/resources/nih/authors/NAME} (numpy 2.4.6, pandas
 * 3.0.6, scikit-learn 1.9.1; the authors' environment pins pandas 2.0.3, numpy 1.24.4, scikit-learn
 * 1.3.2, whose legacy RandomState, {@code sample} and {@code train_test_split} draw the same).
 * Metadata: {@code hard2017} ({@code tools/make_nih_protocol_fixtures.py --seed 3 --v2017
 * --shuffle}: trailing empty column, rows out of order, cells of 7, 23, 49 patients sampled with
 * replacement), {@code mixed2020} ({@code --seed 8}), {@code fixture2017} (the loader fixture,
 * tools/make_nih_fixture.py) and {@code demo} (examples/nih-demo).
 */
class NihProtocolNotebookTest {
  static Stream<Arguments> datasets() {
    Path res = Path.of("src", "test", "resources", "nih");
    return Stream.of(
        Arguments.of("hard2017", res.resolve("authors/hard2017/Data_Entry.csv")),
        Arguments.of("mixed2020", res.resolve("authors/mixed2020/Data_Entry.csv")),
        Arguments.of("fixture2017", res.resolve("Data_Entry_2017.csv")),
        Arguments.of("demo", Path.of("..", "examples", "nih-demo", "Data_Entry_2017_v2020.csv")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasets")
  void everySplitEqualsTheNotebookRowForRowInOrder(String name, Path metadata) throws IOException {
    List<NihProtocol.Item> items =
        NihProtocol.sample(NihMetadata.read(metadata, null).records(), 42);
    Path dir = Path.of("src", "test", "resources", "nih", "authors", name);
    List<String> expected = new ArrayList<>();
    for (String split : List.of("train", "val", "test")) {
      try (CsvReader<NamedCsvRecord> r =
          CsvReader.builder().ofNamedCsvRecord(dir.resolve("nih6x200_" + split + ".csv"))) {
        for (NamedCsvRecord rec : r) {
          expected.add(
              String.join(
                  ",",
                  split.toUpperCase(java.util.Locale.ROOT),
                  rec.getField("Image Index"),
                  rec.getField("Finding Labels"),
                  rec.getField("Patient ID"),
                  rec.getField("Patient Age"),
                  rec.getField("Patient Gender")));
        }
      }
    }
    List<String> actual =
        items.stream()
            .map(
                i ->
                    String.join(
                        ",",
                        i.split().name(),
                        i.record().imageIndex(),
                        NihProtocol.CLASSES.get(i.classIndex()),
                        i.record().patientId(),
                        Integer.toString(i.record().age()),
                        i.record().sex()))
            .toList();
    assertEquals(1200, expected.size());
    assertEquals(expected, actual);
  }

  @Test
  void theHardFileHasWhatItShouldStress() throws IOException {
    List<NihProtocol.Item> items =
        NihProtocol.sample(
            NihMetadata.read(
                    Path.of(
                        "src", "test", "resources", "nih", "authors", "hard2017", "Data_Entry.csv"),
                    null)
                .records(),
            42);
    long distinct = items.stream().map(i -> i.record().imageIndex()).distinct().count();
    assertTrue(distinct < items.size(), "cells under 50 patients repeat images");
    assertTrue(items.stream().anyMatch(i -> i.record().age() == 60 && i.ageGroup().equals("old")));
    assertTrue(
        items.stream().anyMatch(i -> i.record().age() == 59 && i.ageGroup().equals("young")));
    assertTrue(items.stream().noneMatch(i -> i.record().age() >= 100));
  }

  @Test
  void anEmptyCellOrABadSeedIsAnError() throws IOException {
    List<NihRecord> records =
        NihMetadata.read(
                Path.of(
                    "src", "test", "resources", "nih", "authors", "mixed2020", "Data_Entry.csv"),
                null)
            .records();
    List<NihRecord> noOldEdemaWomen =
        records.stream()
            .filter(
                r ->
                    !(r.findings().equals(List.of("Edema"))
                        && r.sex().equals("F")
                        && r.age() >= 60
                        && r.age() < 100))
            .toList();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NihProtocol.sample(noOldEdemaWomen, 42));
    assertTrue(e.getMessage().contains("Edema"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NihProtocol.sample(records, -1));
  }
}
