package org.fairness4j.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.fairness4j.cli.FairnessCli;
import org.fairness4j.cli.nih.NihProtocol;
import org.fairness4j.models.clip.ClipCheckpoint;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine;

/**
 * The study's zero-shot row on a CLIP with the legacy OpenAI config ({@code eos_token_id: 2}) and a
 * template whose tokens contain id 2 scores each test image with transformers' class embeddings
 * ({@code clip-legacy-tiny/}, tools/make_clip_legacy_fixture.py, transformers 5.18.0; the image
 * embeddings are the Java encoder's, checked against transformers in ClipLegacyEosTest).
 */
class StudyLegacyClipTest {
  private static final Path MODEL =
      Path.of("..", "fairness-models", "src", "test", "resources", "clip-legacy-tiny");

  @TempDir Path dir;

  private Path dataset() throws IOException {
    StringBuilder csv =
        new StringBuilder(
            "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,"
                + "OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y]\n");
    Path images = Files.createDirectories(dir.resolve("images_001").resolve("images"));
    Random rng = new Random(1);
    int pid = 0;
    for (int c = 0; c < 6; c++) {
      for (int age : new int[] {35, 70}) {
        for (String sex : new String[] {"F", "M"}) {
          for (int k = 0; k < 3; k++) {
            pid++;
            String name = String.format("%08d_000.png", pid);
            BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 40; y++) {
              for (int x = 0; x < 40; x++) {
                int v = 30 + c * 40 + (int) (rng.nextGaussian() * 10);
                img.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
              }
            }
            ImageIO.write(img, "png", images.resolve(name).toFile());
            csv.append(name)
                .append(',')
                .append(NihProtocol.CLASSES.get(c))
                .append(",0,")
                .append(pid)
                .append(',')
                .append(age)
                .append(',')
                .append(sex)
                .append(",PA,1024,1024,0.143,0.143\n");
          }
        }
      }
    }
    Files.writeString(dir.resolve("Data_Entry_2017_v2020.csv"), csv);
    return images;
  }

  @Test
  void zeroShotRowUsesTransformersPooling() throws IOException {
    Path images = dataset();
    Path out = dir.resolve("out");
    try (SafetensorsFile ref = SafetensorsFile.open(MODEL.resolve("reference.safetensors"));
        ClipCheckpoint clip = ClipCheckpoint.load(MODEL)) {
      Path templates = dir.resolve("templates.txt");
      Files.writeString(templates, ref.metadata().get("study_template") + "\n");
      CommandLine cl = FairnessCli.commandLine();
      StringWriter err = new StringWriter();
      cl.setErr(new PrintWriter(err));
      cl.setOut(new PrintWriter(new StringWriter()));
      int code =
          cl.execute(
              "study",
              "--data-dir",
              dir.toString(),
              "--model",
              "legacy=" + MODEL,
              "--strategies",
              "zero-shot",
              "--templates",
              templates.toString(),
              "--bootstrap",
              "0",
              "--out",
              out.toString());
      assertEquals(0, code, err.toString());
      INDArray classes =
          Nd4j.create(ref.floats("study_class_embeds"), ref.shape("study_class_embeds"), 'c');
      List<String> ids = new ArrayList<>();
      List<float[]> scores = new ArrayList<>();
      try (var r =
          CsvReader.builder()
              .ofNamedCsvRecord(out.resolve("predictions").resolve("legacy__zero-shot.csv"))) {
        for (var rec : r) {
          ids.add(rec.getField("image_id"));
          float[] s = new float[NihProtocol.CLASSES.size()];
          for (int c = 0; c < s.length; c++) {
            s[c] = Float.parseFloat(rec.getField("score_" + NihProtocol.CLASSES.get(c)));
          }
          scores.add(s);
        }
      }
      assertTrue(ids.size() > 10, "test rows: " + ids.size());
      INDArray emb =
          clip.imageEncoder()
              .encode(clip.preprocessor().batch(ids.stream().map(images::resolve).toList()));
      INDArray norm = emb.divColumnVector(emb.norm2(1).reshape(emb.rows(), 1));
      INDArray want =
          Transforms.softmax(norm.mmul(classes.transpose()).muli(clip.logitScale()), true);
      for (int i = 0; i < ids.size(); i++) {
        for (int c = 0; c < NihProtocol.CLASSES.size(); c++) {
          assertEquals(want.getDouble(i, c), scores.get(i)[c], 1e-5, ids.get(i) + " class " + c);
        }
      }
    }
  }
}
