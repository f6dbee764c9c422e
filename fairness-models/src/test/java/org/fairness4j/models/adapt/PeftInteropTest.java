package org.fairness4j.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.clip.ClipCheckpoint;
import org.fairness4j.models.nn.EagerPreLnBlocks;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.WeightFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * peft adapters both ways. In: adapters peft 0.21.0 saved on the tiny CLIP
 * (tools/make_peft_fixture.py: q/v/fc1 of block 1 of both towers with dropout; k/out_proj/fc2 of
 * the vision tower by regex with rsLoRA; all six projections of block 0 of a bare vision tower)
 * give peft's image and text embeddings within 1e-5, eager and graph. Out: {@link
 * PeftAdapters#write} names tensors and config fields as peft does and reads back to the same model
 * (tools/check_peft_export.py loads such a directory with PeftModel.from_pretrained).
 */
class PeftInteropTest {
  private static final Path CLIP = TestFixtures.path("/clip-tiny/config.json").getParent();

  @TempDir Path dir;

  private static Path fixture(String name) {
    return TestFixtures.path("/peft/" + name + "/adapter_config.json").getParent();
  }

  private static INDArray array(SafetensorsFile f, String name) {
    return Nd4j.create(f.floats(name), f.shape(name), 'c');
  }

  private static int[][] ids(SafetensorsFile ref) {
    int[] flat = ref.ints("input_ids");
    long[] shape = ref.shape("input_ids");
    int[][] ids = new int[(int) shape[0]][(int) shape[1]];
    for (int r = 0; r < ids.length; r++) {
      System.arraycopy(flat, r * ids[0].length, ids[r], 0, ids[0].length);
    }
    return ids;
  }

  private static double maxDiff(INDArray a, INDArray b) {
    return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
  }

  @ParameterizedTest
  @CsvSource({
    "qv_fc1_layer1, eager",
    "qv_fc1_layer1, graph",
    "vision_regex_rslora, eager",
    "vision_regex_rslora, graph",
    "bare_vision_tower, eager"
  })
  void peftAdaptersGivePeftsOutputs(String name, String inference) throws IOException {
    String before = System.getProperty(EagerPreLnBlocks.INFERENCE_PROPERTY);
    System.setProperty(EagerPreLnBlocks.INFERENCE_PROPERTY, inference);
    try (SafetensorsFile base = SafetensorsFile.open(CLIP.resolve("reference.safetensors"));
        SafetensorsFile want =
            SafetensorsFile.open(fixture(name).resolve("reference.safetensors"))) {
      LoraAdapter adapter = PeftAdapters.read(fixture(name));
      try (ClipCheckpoint m = ClipCheckpoint.load(CLIP, adapter)) {
        double image =
            maxDiff(
                array(want, "image_embeds"), m.imageEncoder().encode(array(base, "pixel_values")));
        double text = maxDiff(array(want, "text_embeds"), m.textEncoder().encode(ids(base)));
        assertTrue(image < 1e-5, name + " image: max |diff| " + image);
        assertTrue(text < 1e-5, name + " text: max |diff| " + text);
      }
      try (ClipCheckpoint plain = ClipCheckpoint.load(CLIP)) {
        double changed =
            maxDiff(
                array(want, "image_embeds"),
                plain.imageEncoder().encode(array(base, "pixel_values")));
        assertTrue(changed > 1e-2, name + ": the adapter changes the image embeddings");
      }
    } finally {
      if (before == null) {
        System.clearProperty(EagerPreLnBlocks.INFERENCE_PROPERTY);
      } else {
        System.setProperty(EagerPreLnBlocks.INFERENCE_PROPERTY, before);
      }
    }
  }

  @Test
  void writtenAdaptersUsePeftsNamesAndReadBackToTheSameModel() throws IOException {
    LoraConfig config =
        new LoraConfig(
            3,
            6.0,
            0.1,
            Set.of(LoraConfig.Target.QKV_FUSED, LoraConfig.Target.OUT, LoraConfig.Target.FC2),
            new TreeSet<>(Set.of(1)));
    Random rng = new Random(5);
    Map<String, INDArray> t = new java.util.LinkedHashMap<>();
    String p = "vision_model.encoder.layers.1.";
    for (String layer : new String[] {"self_attn.qkv", "self_attn.out_proj", "mlp.fc2"}) {
      long in = layer.equals("mlp.fc2") ? 64 : 32;
      long out = layer.equals("self_attn.qkv") ? 96 : 32;
      t.put(p + layer + ".lora_A.weight", random(rng, 3, in));
      t.put(p + layer + ".lora_B.weight", random(rng, out, 3));
    }
    LoraAdapter adapter = LoraAdapter.of(config, t);
    Path out = dir.resolve("adapter");
    PeftAdapters.write(adapter, out, "clip-tiny");

    JsonNode ours = new ObjectMapper().readTree(out.resolve(PeftAdapters.CONFIG).toFile());
    JsonNode peft =
        new ObjectMapper()
            .readTree(fixture("vision_regex_rslora").resolve(PeftAdapters.CONFIG).toFile());
    for (Iterator<String> it = ours.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      assertTrue(peft.has(field), "peft's adapter_config.json has no field " + field);
    }
    assertEquals(3, ours.get("r").asInt());
    assertEquals(6.0, ours.get("lora_alpha").asDouble());
    assertEquals(0.1, ours.get("lora_dropout").asDouble());
    Pattern target = Pattern.compile(ours.get("target_modules").asText());
    try (SafetensorsFile f = SafetensorsFile.open(out.resolve(PeftAdapters.WEIGHTS))) {
      assertEquals(10, f.names().size(), "q, k, v, out_proj, fc2: A and B each");
      for (String n : f.names()) {
        assertTrue(n.startsWith("base_model.model.vision_model.encoder.layers.1."), n);
        String module = n.substring("base_model.model.".length(), n.lastIndexOf(".lora_"));
        assertTrue(target.matcher(module).matches(), module + " matches target_modules");
      }
      assertTrue(
          !target.matcher("text_model.encoder.layers.1.self_attn.out_proj").matches()
              && !target.matcher("vision_model.encoder.layers.0.self_attn.out_proj").matches(),
          "the regex adapts nothing else");
    }

    INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32).subi(0.5).muli(2);
    try (ClipCheckpoint original = ClipCheckpoint.load(CLIP, adapter);
        ClipCheckpoint back = ClipCheckpoint.load(CLIP, PeftAdapters.read(out))) {
      double d = maxDiff(original.imageEncoder().encode(x), back.imageEncoder().encode(x));
      assertTrue(d < 1e-5, "fused qkv written as q, k, v: max |diff| " + d);
    }
  }

  @Test
  void unsupportedAdaptersAreRefusedNamingTheSetting() throws IOException {
    Path copy = Files.createDirectories(dir.resolve("dora"));
    Path src = fixture("qv_fc1_layer1");
    Files.copy(src.resolve(PeftAdapters.WEIGHTS), copy.resolve(PeftAdapters.WEIGHTS));
    String cfg = Files.readString(src.resolve(PeftAdapters.CONFIG));
    Files.writeString(
        copy.resolve(PeftAdapters.CONFIG),
        cfg.replace("\"use_dora\": false", "\"use_dora\": true"));
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> PeftAdapters.read(copy));
    assertTrue(e.getMessage().contains("use_dora is not supported"), e.getMessage());
  }

  private static INDArray random(Random rng, long rows, long cols) {
    float[] v = new float[(int) (rows * cols)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (rng.nextGaussian() * 0.3);
    }
    return Nd4j.create(v, new long[] {rows, cols}, 'c');
  }

  /**
   * A peft adapter on an open_clip model of BiomedCLIP's family (the timm ViT's qkv, proj and fc2,
   * the BERT's query, value and output dense) merged into {@code openclip-hub-tiny/} gives
   * open_clip-with-peft's image and text features within 1e-4, the bound (measured: image
   * 1.2e-5 on features up to 2.2, six merged ViT blocks at 160 pixels; text 1.6e-6).
   */
  @Test
  void aPeftAdapterOnOpenClipGivesPeftsOutputs() throws IOException {
    Path hub = TestFixtures.path("/openclip-hub-tiny/open_clip_config.json").getParent();
    try (SafetensorsFile base = SafetensorsFile.open(hub.resolve("reference.safetensors"));
        SafetensorsFile want =
            SafetensorsFile.open(fixture("openclip_timm_bert").resolve("reference.safetensors"));
        org.fairness4j.models.openclip.OpenClipCheckpoint m =
            org.fairness4j.models.openclip.OpenClipCheckpoint.load(
                hub, PeftAdapters.read(fixture("openclip_timm_bert")))) {
      double image =
          maxDiff(
              array(want, "image_features"), m.imageEncoder().encode(array(base, "pixel_values")));
      double text = maxDiff(array(want, "text_features"), m.textEncoder().encode(ids(base)));
      assertTrue(image < 1e-4, "image: max |diff| " + image);
      assertTrue(text < 1e-4, "text: max |diff| " + text);
      double changed = maxDiff(array(want, "image_features"), array(base, "image_features"));
      assertTrue(changed > 1e-2, "the adapter changes the image features: " + changed);
    }
  }
}
