package org.fairness4j.models.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.image.ImagePreprocessor;
import org.fairness4j.models.nn.EagerPreLnBlocks;
import org.fairness4j.models.text.ClipBpeTokenizer;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.zeroshot.ZeroShotClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A CLIP whose Hugging Face config carries the legacy {@code eos_token_id: 2} of OpenAI's converted
 * checkpoints pools each prompt at its highest token id, as transformers does, even when the
 * prompt's tokens contain id 2: {@code clip-legacy-tiny/} (tools/make_clip_legacy_fixture.py, torch
 * 2.13.0+cpu, transformers 5.18.0, Pillow 12.3.0), both inference forms.
 */
class ClipLegacyEosTest {
  private static final double TOLERANCE = 1e-5;

  static Path dir() {
    return TestFixtures.path("/clip-legacy-tiny/config.json").getParent();
  }

  private static List<String> meta(SafetensorsFile ref, String key) throws IOException {
    return Arrays.asList(new ObjectMapper().readValue(ref.metadata().get(key), String[].class));
  }

  static int[][] rows(SafetensorsFile ref, String name) {
    int[] flat = ref.ints(name);
    long[] shape = ref.shape(name);
    int[][] ids = new int[(int) shape[0]][(int) shape[1]];
    for (int r = 0; r < ids.length; r++) {
      System.arraycopy(flat, r * ids[0].length, ids[r], 0, ids[0].length);
    }
    return ids;
  }

  @ParameterizedTest
  @ValueSource(strings = {"eager", "graph"})
  void legacyConfigsPoolAtTheHighestIdAsTransformers(String inference) throws IOException {
    String before = System.getProperty(EagerPreLnBlocks.INFERENCE_PROPERTY);
    System.setProperty(EagerPreLnBlocks.INFERENCE_PROPERTY, inference);
    try (ClipCheckpoint model = ClipCheckpoint.load(dir());
        SafetensorsFile ref = SafetensorsFile.open(dir().resolve("reference.safetensors"))) {
      assertEquals(2, model.config().text().eosTokenId());
      assertEquals(
          inference.equals("eager") && EagerPreLnBlocks.supported(), model.textEncoder().isEager());
      ClipBpeTokenizer tok = model.tokenizer();
      List<String> prompts = meta(ref, "prompts");
      int[][] want = rows(ref, "input_ids");
      int[] pools = ref.ints("pool_positions");
      for (int i = 0; i < prompts.size(); i++) {
        int[] ids = tok.encode(prompts.get(i));
        assertArrayEquals(want[i], ids, "token ids of " + prompts.get(i));
        assertEquals(
            pools[i],
            ClipTextEncoder.poolingPosition(model.config().text(), i, ids),
            "pooling position of " + prompts.get(i));
      }
      assertTrue(
          Arrays.stream(want[0]).limit(pools[0]).anyMatch(id -> id == 2),
          "the first prompt contains id 2 before its end-of-text token");
      assertClose(array(ref, "text_embeds"), model.textEncoder().encode(want), "text");

      ImagePreprocessor pre = model.preprocessor();
      List<Path> images =
          meta(ref, "images").stream().map(n -> TestFixtures.path("/preprocess/" + n)).toList();
      INDArray imageEmbeds = model.imageEncoder().encode(pre.batch(images));
      assertClose(array(ref, "image_embeds"), imageEmbeds, "image");

      ZeroShotClassifier zs =
          new ZeroShotClassifier(
              model.imageEncoder(),
              model.textEncoder(),
              tok,
              model.logitScale(),
              ZeroShotClassifier.prompts(meta(ref, "classes"), meta(ref, "templates")));
      assertClose(
          array(ref, "zeroshot_probs"), zs.probabilitiesOfEmbeddings(imageEmbeds), "zero-shot");
    } finally {
      if (before == null) {
        System.clearProperty(EagerPreLnBlocks.INFERENCE_PROPERTY);
      } else {
        System.setProperty(EagerPreLnBlocks.INFERENCE_PROPERTY, before);
      }
    }
  }

  @Test
  void theFirstEndOfTextTokenPoolsForCurrentConfigsAndItsAbsenceIsNamed() {
    ClipConfig.Tower t = new ClipConfig.Tower(32, 64, 2, 4, "quick_gelu", 1e-5, 5, 704, 703, 0);
    assertEquals(2, ClipTextEncoder.poolingPosition(t, 0, new int[] {702, 2, 703, 703, 703}));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClipTextEncoder.poolingPosition(t, 4, new int[] {702, 5, 6, 7, 8}));
    assertEquals("text 4 has no end-of-text token 703", e.getMessage());
    ClipConfig.Tower legacy = new ClipConfig.Tower(32, 64, 2, 4, "quick_gelu", 1e-5, 5, 704, 2, 0);
    assertEquals(
        2,
        ClipTextEncoder.poolingPosition(legacy, 0, new int[] {702, 2, 703, 703, 703}),
        "the first of equal highest ids, as torch.argmax");
  }

  static INDArray array(SafetensorsFile f, String name) {
    return Nd4j.create(f.floats(name), f.shape(name), 'c');
  }

  static void assertClose(INDArray want, INDArray got, String what) {
    assertArrayEquals(want.shape(), got.shape(), what + " shape");
    double max =
        want.castTo(DataType.DOUBLE).sub(got.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    assertTrue(max < TOLERANCE, what + ": max |difference| " + max);
  }
}
