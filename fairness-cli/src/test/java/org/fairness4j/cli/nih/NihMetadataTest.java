package org.fairness4j.cli.nih;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.fairness4j.core.table.csv.TableFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NihMetadataTest {
  static final Path FIXTURE = Path.of("src", "test", "resources", "nih", "Data_Entry_2017.csv");

  @TempDir Path dir;

  @Test
  void readsTheOriginalFormatAndReportsItsQuirks() throws IOException {
    NihMetadata.Loaded l = NihMetadata.read(FIXTURE, null);
    NihMetadata.Summary s = l.summary();
    // tools/make_nih_fixture.py --seed 11 --patients 900: 2192 rows, one unknown label, one
    // duplicate, three ages over 100.
    assertEquals(2192, s.rows());
    assertEquals(2190, s.kept());
    assertEquals(1, s.counts().get(NihMetadata.Summary.UNKNOWN_LABEL));
    assertEquals(1, s.counts().get(NihMetadata.Summary.DUPLICATE));
    assertEquals(3, s.counts().get(NihMetadata.Summary.AGE_OVER_100));
    assertEquals(List.of(25), s.examples().get(NihMetadata.Summary.UNKNOWN_LABEL));
    assertTrue(s.toString().contains("duplicate image row: 1 row (lines 33)"), s.toString());
    NihRecord first = l.records().get(0);
    assertEquals("00000001_000.png", first.imageIndex());
    assertEquals(List.of("Effusion"), first.findings());
    assertEquals("F", first.sex());
    assertEquals(89, first.age());
    assertEquals(2, first.line());
  }

  @Test
  void theV2020FormatWithoutTrailingColumnReadsTheSame() throws IOException {
    List<String> lines = Files.readAllLines(FIXTURE);
    Path v2020 = dir.resolve("Data_Entry_2017_v2020.csv");
    Files.write(v2020, lines.stream().map(l -> l.substring(0, l.length() - 1)).toList());
    assertEquals(
        NihMetadata.read(FIXTURE, null).records(), NihMetadata.read(v2020, null).records());
  }

  @Test
  void imagesAreFoundAcrossFoldersAndMissingOrUnreadableOnesCounted() throws IOException {
    Path csv = dir.resolve("meta.csv");
    Files.writeString(
        csv,
        "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,"
            + "OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y]\n"
            + "00000001_000.png,Edema,0,1,50,M,PA,1024,1024,0.14,0.14\n"
            + "00000002_000.png,Edema,0,2,50,F,PA,1024,1024,0.14,0.14\n"
            + "00000003_000.png,Edema,0,3,50,F,PA,1024,1024,0.14,0.14\n");
    Path a = Files.createDirectories(dir.resolve("images_001").resolve("images"));
    Path b = Files.createDirectories(dir.resolve("images_002").resolve("images"));
    ImageIO.write(
        new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY),
        "png",
        a.resolve("00000001_000.png").toFile());
    Files.writeString(b.resolve("00000003_000.png"), "not a png");
    NihMetadata.Loaded l = NihMetadata.read(csv, dir);
    assertEquals(1, l.records().size());
    assertEquals(a.resolve("00000001_000.png"), l.images().get("00000001_000.png"));
    assertEquals(1, l.summary().counts().get(NihMetadata.Summary.MISSING_IMAGE));
    assertEquals(1, l.summary().counts().get(NihMetadata.Summary.UNREADABLE_IMAGE));
  }

  @Test
  void brokenRowsAreNamedByFileLineAndField() throws IOException {
    String header =
        "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,"
            + "OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y]\n";
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, header + "00000001_000.png,Edema,0,1,fifty,M,PA,1024,1024,0.14,0.14\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NihMetadata.read(csv, null));
    assertTrue(
        e.getMessage().endsWith("bad.csv:2: field 'Patient Age': 'fifty' is not an integer"),
        e.getMessage());
    Files.writeString(csv, header + "00000001_000.png,Edema,0,1,50,M\n");
    e = assertThrows(IllegalArgumentException.class, () -> NihMetadata.read(csv, null));
    assertTrue(e.getMessage().contains("bad.csv:2: expected 11 fields"), e.getMessage());
    Files.writeString(csv, "a,b\n1,2\n");
    e = assertThrows(IllegalArgumentException.class, () -> NihMetadata.read(csv, null));
    assertTrue(
        e.getMessage().contains("bad.csv:1: not an NIH ChestX-ray14 Data_Entry file"),
        e.getMessage());
  }

  @Test
  void aStrayQuoteIsAnErrorNamingFileAndLine() throws IOException {
    String header =
        "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,"
            + "OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y]\n";
    String row = "00000001_000.png,Edema,0,1,50,M,PA,1024,1024,0.14,0.14\n";
    Path csv = dir.resolve("quote.csv");
    // A quote opening a field and never closed: a lenient reader swallows the rest of the file.
    Files.writeString(
        csv,
        header
            + row
            + row.replace("0001_000", "0002_000")
            + row.replace("0001_000.png,Edema", "0003_000.png,\"Edema")
            + row.replace("0001_000", "0004_000"));
    TableFormatException e =
        assertThrows(TableFormatException.class, () -> NihMetadata.read(csv, null));
    assertTrue(e.getMessage().contains("quote.csv:4: "), e.getMessage());
    assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    assertEquals(4, e.line());
    // Text after the closing quote of a quoted field.
    Files.writeString(
        csv, header + row + row.replace("0001_000.png,Edema", "0002_000.png,\"Edema\"x"));
    e = assertThrows(TableFormatException.class, () -> NihMetadata.read(csv, null));
    assertTrue(e.getMessage().contains("quote.csv:3: "), e.getMessage());
    assertTrue(e.getMessage().contains("text after the closing quote"), e.getMessage());
    // A properly quoted field is fine.
    Files.writeString(
        csv, header + row + row.replace("0001_000.png,Edema", "0002_000.png,\"Edema|Mass\""));
    assertEquals(List.of("Edema", "Mass"), NihMetadata.read(csv, null).records().get(1).findings());
  }

  @Test
  void aRepeatedImageRowThatContradictsTheFirstIsRefusedNamingBothLines() throws IOException {
    String header =
        "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,"
            + "OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y]\n";
    String a = "00000001_000.png,Edema,0,1,50,M,PA,1024,1024,0.14,0.14\n";
    String b = "00000002_000.png,Effusion,0,2,70,F,PA,1024,1024,0.14,0.14\n";
    Path csv = dir.resolve("dup.csv");
    // The same image again, identical but for columns no protocol reads: removed, counted.
    Files.writeString(csv, header + a + b + a.replace(",PA,1024", ",AP,2048"));
    NihMetadata.Loaded l = NihMetadata.read(csv, null);
    assertEquals(2, l.records().size());
    assertEquals(List.of(4), l.summary().examples().get(NihMetadata.Summary.DUPLICATE));
    // Another finding, age or sex: the authors' notebook would keep both rows and could sample
    // the image in two cells; which is right cannot be known.
    for (String other :
        List.of(
            a.replace("Edema", "Effusion"),
            a.replace(",50,", ",61,"),
            a.replace(",M,", ",F,"),
            a.replace("Edema", "Edema|Mass"))) {
      Files.writeString(csv, header + a + b + other);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> NihMetadata.read(csv, null));
      assertTrue(
          e.getMessage().contains("dup.csv:4: image 00000001_000.png repeats line 2 with another"),
          e.getMessage());
    }
  }
}
