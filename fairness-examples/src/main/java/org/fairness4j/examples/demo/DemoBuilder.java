package org.fairness4j.examples.demo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.fairness4j.cli.nih.NihProtocol;
import org.fairness4j.core.io.AtomicFiles;
import org.fairness4j.models.clip.ClipConfig;
import org.fairness4j.models.clip.ClipPretrainer;
import org.fairness4j.models.image.ImagePreprocessor;
import org.fairness4j.models.text.ClipBpeTokenizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the embedded demo: a synthetic data set in the exact NIH ChestX-ray14 file format ({@code
 * Data_Entry_2017_v2020.csv} and {@code images_001/images/*.png}) and a small CLIP-architecture
 * model pretrained contrastively, by this code, on separate synthetic image–report pairs.
 * Everything is seeded; {@code bin/fairness demo-build --out examples/nih-demo} rebuilds the
 * shipped files (the model needs the tokenizer files already in {@code model/}).
 */
public final class DemoBuilder {
  /** Patients per disease × age × sex cell (the protocol samples 50). */
  static final int PATIENTS_PER_CELL = 52;

  /** Report templates of the pretraining pairs ({} is the finding). */
  static final List<String> REPORTS =
      List.of(
          "a chest x-ray showing {}",
          "radiograph with {}",
          "findings consistent with {}",
          "{} seen on this film");

  private DemoBuilder() {}

  /** Class name as written in prompts and reports. */
  static String words(String cls) {
    return cls.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * Writes the data set.
   *
   * @param dir the data directory
   * @param seed the seed
   * @throws IOException if writing fails
   */
  public static void writeData(Path dir, long seed) throws IOException {
    Path images = Files.createDirectories(dir.resolve("images_001").resolve("images"));
    Random rng = new Random(seed);
    StringBuilder csv =
        new StringBuilder(
            "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,"
                + "OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y]\n");
    int patient = 0;
    for (int c = 0; c < NihProtocol.CLASSES.size(); c++) {
      for (int old = 0; old < 2; old++) {
        for (String sex : List.of("F", "M")) {
          for (int k = 0; k < PATIENTS_PER_CELL; k++) {
            patient++;
            int age = old == 1 ? 60 + rng.nextInt(35) : 20 + rng.nextInt(40);
            int images1 = rng.nextDouble() < 0.2 ? 2 : 1;
            for (int f = 0; f < images1; f++) {
              String name = String.format(Locale.ROOT, "%08d_%03d.png", patient, f);
              write(images.resolve(name), DemoImages.draw(c, DemoImages.strength(age, sex), rng));
              csv.append(row(name, NihProtocol.CLASSES.get(c), f, patient, age, sex));
            }
          }
        }
      }
    }
    // Rows the protocol leaves out, as in the real file: no finding, two findings, age over 100.
    for (int k = 0; k < 12; k++) {
      patient++;
      String sex = k % 2 == 0 ? "F" : "M";
      String name = String.format(Locale.ROOT, "%08d_000.png", patient);
      write(images.resolve(name), DemoImages.draw(-1, 1, rng));
      String labels = k < 6 ? "No Finding" : k < 10 ? "Effusion|Infiltration" : "Edema";
      int age = k < 10 ? 30 + k : 412;
      csv.append(row(name, labels, 0, patient, age, sex));
    }
    AtomicFiles.writeText(dir.resolve("Data_Entry_2017_v2020.csv"), w -> w.write(csv.toString()));
    AtomicFiles.writeText(dir.resolve("README.md"), w -> w.write(README));
  }

  private static final String README =
      "# Embedded demo data (SYNTHETIC)\n\n"
          + "These images and metadata are **synthetic**, made by `DemoBuilder` (seeded) in the NIH\n"
          + "ChestX-ray14 file format. They are not radiographs and say nothing about real patients.\n"
          + "Each finding is a drawn pattern, made fainter for patients aged 60+ and for women, so\n"
          + "that models are less accurate for those groups by construction. `model/` is a small CLIP\n"
          + "pretrained contrastively on separate synthetic image-report pairs by the same code.\n\n"
          + "Rebuild (about 8 minutes on 2 cores): `JAVA_OPTS=-Xmx3g bin/fairness demo-build --out\n"
          + "examples/nih-demo` (defaults: seed 2025, 3000 pretraining pairs, 10 epochs, AdamW lr\n"
          + "5e-4, batch 64); see docs/reproduction.md. The data files are rebuilt bit for bit; the\n"
          + "model's weights depend on the floating-point summation order of the native BLAS, so a\n"
          + "rebuild on another machine gives a model that behaves alike but is not bitwise equal.\n";

  private static String row(
      String name, String labels, int followUp, int patient, int age, String sex) {
    return name
        + ","
        + labels
        + ","
        + followUp
        + ","
        + patient
        + ","
        + age
        + ","
        + sex
        + ",PA,32,32,0.143,0.143\n";
  }

  private static void write(Path file, int[] px) throws IOException {
    BufferedImage img =
        new BufferedImage(DemoImages.SIZE, DemoImages.SIZE, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setSamples(0, 0, DemoImages.SIZE, DemoImages.SIZE, 0, px);
    ImageIO.write(img, "png", file.toFile());
  }

  /**
   * Pretrains the demo model on fresh synthetic pairs and writes it into {@code modelDir} (which
   * must already hold {@code vocab.json} and {@code merges.txt}).
   *
   * @param modelDir the model directory
   * @param pairs number of image–report pairs
   * @param epochs epochs
   * @param lr the AdamW learning rate
   * @param seed the seed
   * @param log progress
   * @return the loss per epoch
   * @throws IOException if reading the tokenizer or writing fails
   */
  public static List<Double> pretrain(
      Path modelDir, int pairs, int epochs, double lr, long seed, PrintStream log)
      throws IOException {
    int positions = 32;
    ClipBpeTokenizer tok = ClipBpeTokenizer.load(modelDir, positions);
    ClipConfig config =
        new ClipConfig(
            new ClipConfig.Tower(64, 128, 2, 4, "quick_gelu", 1e-5, positions, 704, 703, 0),
            new ClipConfig.Tower(64, 128, 2, 4, "quick_gelu", 1e-5, DemoImages.SIZE, 8, 0, 3),
            32);
    ImagePreprocessor pre =
        new ImagePreprocessor(
            DemoImages.SIZE,
            DemoImages.SIZE,
            ImagePreprocessor.clip().mean(),
            ImagePreprocessor.clip().std(),
            ImagePreprocessor.CropRounding.FLOOR);
    // A stream of its own, so that no pretraining pair repeats an image of the data set.
    Random rng = new Random(seed ^ 0x5DEECE66DL * 31);
    int per = 3 * DemoImages.SIZE * DemoImages.SIZE;
    float[] px = new float[pairs * per];
    int[][] ids = new int[pairs][];
    int[] classes = new int[pairs];
    for (int i = 0; i < pairs; i++) {
      int c = rng.nextInt(NihProtocol.CLASSES.size());
      int age = 20 + rng.nextInt(75);
      String sex = rng.nextBoolean() ? "F" : "M";
      int[] gray = DemoImages.draw(c, DemoImages.strength(age, sex), rng);
      float[] one =
          pre.apply(
              new ImagePreprocessor.Rgb8(
                  DemoImages.SIZE, DemoImages.SIZE, new int[][] {gray, gray, gray}));
      System.arraycopy(one, 0, px, i * per, per);
      String report =
          REPORTS.get(rng.nextInt(REPORTS.size())).replace("{}", words(NihProtocol.CLASSES.get(c)));
      ids[i] = tok.encode(report);
      classes[i] = c;
    }
    INDArray pixels = Nd4j.create(px, new long[] {pairs, 3, DemoImages.SIZE, DemoImages.SIZE}, 'c');
    ClipPretrainer p = new ClipPretrainer(config, seed);
    List<Double> losses = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      double l = p.train(pixels, ids, classes, 1, 64, lr, seed + e).get(0);
      losses.add(l);
      log.printf(Locale.ROOT, "pretraining epoch %d/%d: loss %.4f%n", e + 1, epochs, l);
    }
    p.save(modelDir, 702);
    return losses;
  }
}
