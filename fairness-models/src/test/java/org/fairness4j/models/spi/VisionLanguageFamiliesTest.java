package org.fairness4j.models.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.fairness4j.models.adapt.AdaptationRunner;
import org.fairness4j.models.adapt.AdaptationStrategy;
import org.fairness4j.models.adapt.LoraAdapter;
import org.fairness4j.models.adapt.LoraConfig;
import org.fairness4j.models.clip.ClipCheckpoint;
import org.fairness4j.models.clip.ClipFamily;
import org.fairness4j.models.gloria.GloriaFamily;
import org.fairness4j.models.medclip.MedClipFamily;
import org.fairness4j.models.openclip.OpenClipFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The families registered through {@link java.util.ServiceLoader}: the built-ins in
 * src/main/resources/META-INF/services and the test-only {@link MarkerFamily} in
 * src/test/resources/META-INF/services, standing for a user's family on the class path.
 */
class VisionLanguageFamiliesTest {
  @TempDir Path tmp;

  private static Path fixture(String file) {
    return TestFixtures.path(file).getParent();
  }

  @Test
  void familiesComeInPriorityThenNameOrderWithHuggingFaceClipLast() {
    assertEquals(
        List.of("marker", "openclip", "medclip", "gloria", "clip"),
        VisionLanguageFamilies.all().stream().map(VisionLanguageFamily::name).toList());
  }

  @Test
  void eachBuiltInFormatIsReadByItsFamily() {
    assertInstanceOf(
        OpenClipFamily.class,
        VisionLanguageFamilies.select(fixture("/openclip-rn-tiny/open_clip_config.json")));
    assertInstanceOf(
        MedClipFamily.class,
        VisionLanguageFamilies.select(fixture("/medclip-tiny/medclip_config.json")));
    assertInstanceOf(
        GloriaFamily.class,
        VisionLanguageFamilies.select(fixture("/gloria-tiny/gloria_config.json")));
    assertInstanceOf(
        ClipFamily.class, VisionLanguageFamilies.select(fixture("/clip-tiny/config.json")));
  }

  /** What each built-in family can do, as the table in docs/models.md says. */
  @Test
  void builtInFamiliesDeclareAdapterMergingAndTrainingTowers() {
    Path any = Path.of("unused");
    for (VisionLanguageFamily f : VisionLanguageFamilies.all()) {
      boolean builtIn = !(f instanceof MarkerFamily);
      assertEquals(
          builtIn && !f.name().equals("gloria"), f.mergesLoraAdapters(), f.name() + " merging");
      assertEquals(
          builtIn && !f.name().equals("clip"),
          f.trainingTower(any).isPresent(),
          f.name() + " tower");
    }
    assertThrows(
        UnsupportedOperationException.class,
        () -> new GloriaFamily().load(any, LoraAdapter.create(LoraConfig.authors(), 1)));
  }

  @Test
  void aDirectoryNoFamilyAcceptsGoesToTheFallbackWhichNamesTheMissingFile() {
    assertInstanceOf(ClipFamily.class, VisionLanguageFamilies.select(tmp));
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> VisionLanguageCheckpoint.load(tmp));
    assertEquals(tmp.resolve("config.json").toString(), e.getFile());
    assertEquals("CLIP model directory needs it", e.getReason());
  }

  @Test
  void aFamilyOnTheClassPathIsPickedUpBeforeTheBuiltIns() throws IOException {
    Path dir = tmp.resolve("marked");
    Files.createDirectories(dir);
    Path clip = fixture("/clip-tiny/config.json");
    for (String f : List.of("config.json", "model.safetensors", "vocab.json", "merges.txt")) {
      Files.copy(clip.resolve(f), dir.resolve(f));
    }
    assertInstanceOf(ClipFamily.class, VisionLanguageFamilies.select(dir));
    Files.writeString(dir.resolve(MarkerFamily.MARKER), "{}");
    assertInstanceOf(MarkerFamily.class, VisionLanguageFamilies.select(dir));
    try (VisionLanguageCheckpoint m = VisionLanguageCheckpoint.load(dir);
        ClipCheckpoint plain = ClipCheckpoint.load(clip)) {
      assertInstanceOf(MarkerFamily.Marked.class, m);
      assertEquals(plain.logitScale(), m.logitScale());
      assertEquals(plain.imageEncoder().embeddingDim(), m.imageEncoder().embeddingDim());
    }
    // No training tower: the encoder strategies refuse it in one line, the frozen ones take it.
    String refusal =
        AdaptationRunner.encoderRefusal(dir, AdaptationStrategy.FULL, LoraConfig.authors());
    assertEquals(
        dir + ": model family marker has no training tower; use a frozen-encoder strategy",
        refusal);
    assertNull(
        AdaptationRunner.encoderRefusal(
            dir, AdaptationStrategy.LINEAR_PROBE, LoraConfig.authors()));
    assertThrows(
        UnsupportedOperationException.class,
        () ->
            new MarkerFamily()
                .load(
                    dir, org.fairness4j.models.adapt.LoraAdapter.create(LoraConfig.authors(), 1)));
  }

  @Test
  void tiesInPriorityAreBrokenByNameAndNamesMustBeUnique() {
    VisionLanguageFamily b = named("b", 5);
    VisionLanguageFamily a = named("a", 5);
    VisionLanguageFamily z = named("z", 1);
    assertEquals(List.of(z, a, b), VisionLanguageFamilies.ordered(List.of(b, a, z)));
    IllegalStateException dup =
        assertThrows(
            IllegalStateException.class,
            () -> VisionLanguageFamilies.ordered(List.of(a, named("a", 9))));
    assertTrue(dup.getMessage().startsWith("two model families are named a: "), dup.getMessage());
    assertThrows(IllegalStateException.class, () -> VisionLanguageFamilies.ordered(List.of()));
  }

  private static VisionLanguageFamily named(String name, int priority) {
    return new VisionLanguageFamily() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int priority() {
        return priority;
      }

      @Override
      public boolean accepts(Path dir) {
        return false;
      }

      @Override
      public VisionLanguageCheckpoint load(Path dir) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
