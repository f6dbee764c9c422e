package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code encode --prompts} and {@code zeroshot} on a CLIP with the legacy OpenAI config ({@code
 * eos_token_id: 2}) and prompts whose tokens contain id 2 give transformers' embeddings and
 * probabilities ({@code clip-legacy-tiny/}, tools/make_clip_legacy_fixture.py, transformers
 * 5.18.0).
 */
class LegacyClipCommandsTest {
  static final Path RESOURCES = Path.of("..", "fairness-models", "src", "test", "resources");
  static final Path MODEL = RESOURCES.resolve("clip-legacy-tiny");
  private static final double TOLERANCE = 1e-5;

  @TempDir Path dir;

  private record Result(int code, String err) {}

  private static Result run(String... args) {
    CommandLine cl = FairnessCli.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    return new Result(cl.execute(args), err.toString());
  }

  static List<String> meta(SafetensorsFile ref, String key) throws IOException {
    return Arrays.asList(new ObjectMapper().readValue(ref.metadata().get(key), String[].class));
  }

  /** The float32 rows of a 2-D .npy file written by NpyWriter (little-endian, C order). */
  static float[] npy(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    int header = 10 + (b[8] & 0xFF) + ((b[9] & 0xFF) << 8);
    float[] v = new float[(b.length - header) / 4];
    ByteBuffer.wrap(b, header, b.length - header)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer()
        .get(v);
    return v;
  }

  @Test
  void encodePromptsMatchesTransformers() throws IOException {
    try (SafetensorsFile ref = SafetensorsFile.open(MODEL.resolve("reference.safetensors"))) {
      Path prompts = dir.resolve("prompts.txt");
      Files.write(prompts, meta(ref, "prompts"));
      Path out = dir.resolve("txt.npy");
      Result r =
          run(
              "encode",
              "--model",
              MODEL.toString(),
              "--prompts",
              prompts.toString(),
              "--out",
              out.toString(),
              "--no-progress");
      assertEquals(0, r.code(), r.err());
      float[] want = ref.floats("text_embeds");
      float[] got = npy(out);
      assertEquals(want.length, got.length);
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], got[i], TOLERANCE, "value " + i);
      }
    }
  }

  @Test
  void zeroshotMatchesTransformers() throws IOException {
    try (SafetensorsFile ref = SafetensorsFile.open(MODEL.resolve("reference.safetensors"))) {
      Path images = Files.createDirectories(dir.resolve("images"));
      List<String> names = meta(ref, "images");
      for (String n : names) {
        Files.copy(RESOURCES.resolve("preprocess").resolve(n), images.resolve(n));
      }
      Path classes = dir.resolve("classes.txt");
      Files.write(classes, meta(ref, "classes"));
      Path templates = dir.resolve("templates.txt");
      Files.write(templates, meta(ref, "templates"));
      Path out = dir.resolve("pred.csv");
      Result r =
          run(
              "zeroshot",
              "--model",
              MODEL.toString(),
              "--images",
              images.toString(),
              "--classes",
              classes.toString(),
              "--templates",
              templates.toString(),
              "--out",
              out.toString(),
              "--no-progress");
      assertEquals(0, r.code(), r.err());
      List<String> lines = Files.readAllLines(out);
      float[] want = ref.floats("zeroshot_probs");
      int c = meta(ref, "classes").size();
      assertEquals(names.size() + 1, lines.size());
      for (int i = 0; i < names.size(); i++) {
        String[] f = lines.get(i + 1).split(",");
        assertEquals(names.get(i), f[0]);
        for (int k = 0; k < c; k++) {
          assertEquals(want[i * c + k], Double.parseDouble(f[2 + k]), TOLERANCE, f[0] + " " + k);
        }
      }
    }
  }

  @Test
  void encodeRefusesToWriteIntoTheModelDirectory() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    for (String n : List.of("config.json", "model.safetensors", "vocab.json", "merges.txt")) {
      Files.copy(MODEL.resolve(n), model.resolve(n));
    }
    Path prompts = dir.resolve("prompts.txt");
    Files.writeString(prompts, "edema\n");
    byte[] before = Files.readAllBytes(model.resolve("model.safetensors"));
    Result r =
        run(
            "encode",
            "--model",
            model.toString(),
            "--prompts",
            prompts.toString(),
            "--out",
            model.resolve("model.safetensors").toString(),
            "--no-progress");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("inside the model (or adapter) directory"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(Arrays.equals(before, Files.readAllBytes(model.resolve("model.safetensors"))));
  }

  /** An embedding cache inside the model directory would write there too: refused like --out. */
  @Test
  void encodeRefusesACacheInsideTheModelDirectory() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    for (String n : List.of("config.json", "model.safetensors", "vocab.json", "merges.txt")) {
      Files.copy(MODEL.resolve(n), model.resolve(n));
    }
    Result r =
        run(
            "encode",
            "--model",
            model.toString(),
            "--images",
            RESOURCES.resolve("preprocess").toString(),
            "--cache",
            model.resolve("emb-cache").toString(),
            "--out",
            dir.resolve("emb.npy").toString(),
            "--no-progress");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--cache"), r.err());
    assertTrue(r.err().contains("inside the model (or adapter) directory"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(Files.exists(model.resolve("emb-cache")));
    assertFalse(Files.exists(dir.resolve("emb.npy")));
  }

  @Test
  void nanWeightsAreOneLineAndExitTwo() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    for (String n : List.of("config.json", "vocab.json", "merges.txt")) {
      Files.copy(MODEL.resolve(n), model.resolve(n));
    }
    String tensor = "text_model.final_layer_norm.weight";
    java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> all =
        new java.util.LinkedHashMap<>();
    try (SafetensorsFile f = SafetensorsFile.open(MODEL.resolve("model.safetensors"))) {
      for (String n : f.names()) {
        float[] v = f.floats(n);
        if (n.equals(tensor)) {
          v[3] = Float.NaN;
        }
        all.put(n, org.nd4j.linalg.factory.Nd4j.create(v, f.shape(n), 'c'));
      }
    }
    org.fairness4j.models.weights.SafetensorsWriter.write(
        model.resolve("model.safetensors"), all, java.util.Map.of());
    Path prompts = dir.resolve("prompts.txt");
    Files.writeString(prompts, "edema\n");
    Result r =
        run(
            "encode",
            "--model",
            model.toString(),
            "--prompts",
            prompts.toString(),
            "--out",
            dir.resolve("o.npy").toString(),
            "--no-progress");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("'" + tensor + "' holds 1 NaN"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(Files.notExists(dir.resolve("o.npy")));
  }

  /**
   * {@code encode --adapter} merges a peft adapter: peft's embeddings (tools/make_peft_fixture.py).
   */
  @Test
  void encodeWithAPeftAdapterGivesPeftsEmbeddings() throws IOException {
    Path adapter = RESOURCES.resolve("peft").resolve("vision_regex_rslora");
    Path tiny = RESOURCES.resolve("clip-tiny");
    Path images = Files.createDirectories(dir.resolve("images"));
    org.nd4j.linalg.api.ndarray.INDArray pixels;
    try (SafetensorsFile ref = SafetensorsFile.open(tiny.resolve("reference.safetensors"))) {
      pixels =
          org.nd4j.linalg.factory.Nd4j.create(
              ref.floats("pixel_values"), ref.shape("pixel_values"), 'c');
    }
    // The image embeddings of the merged model equal peft's on the fixture's pixels; here the CLI
    // path: two PNGs through preprocessing, compared with the library call on the same files.
    for (int i = 0; i < 2; i++) {
      java.awt.image.BufferedImage img =
          new java.awt.image.BufferedImage(40, 36, java.awt.image.BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 36; y++) {
        for (int x = 0; x < 40; x++) {
          img.setRGB(x, y, (x * 6 + i * 50) << 16 | (y * 7) << 8 | ((x + y) * 3));
        }
      }
      javax.imageio.ImageIO.write(img, "png", images.resolve("i" + i + ".png").toFile());
    }
    Path out = dir.resolve("emb.npy");
    Result r =
        run(
            "encode",
            "--model",
            tiny.toString(),
            "--adapter",
            adapter.toString(),
            "--images",
            images.toString(),
            "--out",
            out.toString(),
            "--no-progress",
            "--cache",
            dir.resolve("cache").toString());
    assertEquals(0, r.code(), r.err());
    float[] got = npy(out);
    try (org.fairness4j.models.clip.ClipCheckpoint m =
            org.fairness4j.models.clip.ClipCheckpoint.load(
                tiny, org.fairness4j.models.adapt.PeftAdapters.read(adapter));
        SafetensorsFile want = SafetensorsFile.open(adapter.resolve("reference.safetensors"))) {
      float[] peft = want.floats("image_embeds");
      float[] java = m.imageEncoder().encode(pixels).data().asFloat();
      for (int i = 0; i < peft.length; i++) {
        assertEquals(peft[i], java[i], TOLERANCE, "merged model vs peft, value " + i);
      }
      float[] lib =
          m.imageEncoder()
              .encode(
                  m.preprocessor()
                      .batch(List.of(images.resolve("i0.png"), images.resolve("i1.png"))))
              .data()
              .asFloat();
      for (int i = 0; i < lib.length; i++) {
        assertEquals(lib[i], got[i], TOLERANCE, "CLI vs library, value " + i);
      }
    }
    Result plain =
        run(
            "encode",
            "--model",
            tiny.toString(),
            "--images",
            images.toString(),
            "--out",
            dir.resolve("plain.npy").toString(),
            "--no-progress",
            "--cache",
            dir.resolve("cache").toString());
    assertEquals(0, plain.code(), plain.err());
    float[] base = npy(dir.resolve("plain.npy"));
    double diff = 0;
    for (int i = 0; i < base.length; i++) {
      diff = Math.max(diff, Math.abs(base[i] - got[i]));
    }
    assertTrue(diff > 1e-3, "the cache keeps the adapted and plain models apart: " + diff);
  }

  /** An open_clip directory as published on the hub runs with no export step. */
  @Test
  void zeroshotRunsOnAHubOpenClipDirectory() throws IOException {
    Path classes = dir.resolve("classes.txt");
    Files.writeString(classes, "edema\npneumothorax\n");
    Path out = dir.resolve("pred.csv");
    Result r =
        run(
            "zeroshot",
            "--model",
            RESOURCES.resolve("openclip-hub-tiny").toString(),
            "--images",
            RESOURCES.resolve("preprocess").toString(),
            "--classes",
            classes.toString(),
            "--out",
            out.toString(),
            "--no-progress");
    assertEquals(0, r.code(), r.err());
    assertEquals(5, Files.readAllLines(out).size());
  }

  /** A family that merges no adapters (GLoRIA) refuses --adapter in one line naming the model. */
  @Test
  void encodeRefusesAnAdapterOnAFamilyThatMergesNone() throws IOException {
    Path gloria = RESOURCES.resolve("gloria-tiny");
    Result r =
        run(
            "encode",
            "--model",
            gloria.toString(),
            "--adapter",
            RESOURCES.resolve("peft").resolve("vision_regex_rslora").toString(),
            "--images",
            RESOURCES.resolve("preprocess").toString(),
            "--out",
            dir.resolve("emb.npy").toString(),
            "--no-progress");
    assertEquals(2, r.code(), r.err());
    assertTrue(
        r.err()
            .strip()
            .endsWith(
                gloria
                    + ": --adapter works with Hugging Face CLIP, open_clip and MedCLIP directories"
                    + " only"),
        r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(Files.exists(dir.resolve("emb.npy")));
  }
}
