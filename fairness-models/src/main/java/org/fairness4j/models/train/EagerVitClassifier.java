package org.fairness4j.models.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairness4j.models.adapt.ClassifierHead;
import org.fairness4j.models.adapt.LoraAdapter;
import org.fairness4j.models.adapt.ParameterNames;
import org.fairness4j.models.adapt.TrainableClassifier;
import org.fairness4j.models.nn.CpuBlas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Hugging Face CLIP image encoder with a classification head, trained eagerly on ND4J's CPU
 * backend: a forward pass on host arrays keeping its activations, a hand-written backward pass,
 * products through cblas. With a {@link LoraAdapter} only the adapters (peft's LoRA: {@code
 * (α/r)·B·A·dropout(x)} added to each adapted projection) and the head train; with full fine-tuning
 * every vision weight and the visual projection train, optionally at a lower learning rate. Same
 * parameter names as {@link org.fairness4j.models.adapt.EncoderClassifier} (the SameDiff path),
 * whose gradients it reproduces. Inputs are preprocessed pixels [batch, 3, size, size].
 *
 * <p>{@link #checkpointing(boolean) Gradient checkpointing} keeps only each block's input during
 * the forward pass and recomputes the block in the backward pass (dropout masks are seeded per
 * step, layer and projection, so the recomputation agrees). Not thread-safe.
 */
public final class EagerVitClassifier implements TrainableClassifier {
  /** Rows evaluated per forward pass in evaluation mode. */
  private static final int EVAL_CHUNK = 16;

  private final VitTower tower;
  private final EagerHead head;
  private final boolean lora;
  private final double encoderLrScale;
  private final int classes;
  private final Map<String, INDArray> params = new LinkedHashMap<>();
  private final Map<String, INDArray> grads = new LinkedHashMap<>();
  private long activationBytes;

  private EagerVitClassifier(
      Path clipDir,
      LoraAdapter adapter,
      double encoderLrScale,
      ClassifierHead.Kind kind,
      int hidden,
      int classes,
      Map<String, INDArray> headWeights)
      throws IOException {
    if (!CpuBlas.available()) {
      throw new IllegalStateException(
          "eager training needs ND4J's CPU backend; use the SameDiff path (--trainer graph)");
    }
    VitTower.Shape shape = VitCheckpoint.shape(clipDir);
    int layers = shape.layers();
    Map<String, INDArray> weights = VitCheckpoint.weights(clipDir, shape);
    VitLora.LoraSlot[][] slots = new VitLora.LoraSlot[layers][VitLora.Slot.values().length];
    if (adapter != null) {
      double scale = adapter.config().scaling();
      double p = adapter.config().dropout();
      Map<String, INDArray[]> ab =
          adapter.visionTensors(layers, shape.width(), shape.intermediate());
      ab.forEach(
          (name, pair) -> {
            int layer = Integer.parseInt(name.split("\\.")[3]);
            VitLora.Slot slot = VitCheckpoint.slotOf(name);
            slots[layer][slot.ordinal()] = new VitLora.LoraSlot(name, pair[0], pair[1], scale, p);
          });
    }
    this.tower = new VitTower(shape, weights, slots, adapter == null);
    this.lora = adapter != null;
    this.encoderLrScale = encoderLrScale;
    this.classes = classes;
    this.head = new EagerHead(kind, shape.projection(), hidden, classes, headWeights);
    params.putAll(tower.trainable());
    params.putAll(head.parameters());
    grads.putAll(tower.gradients());
    head.parameters().forEach((k, v) -> grads.put(k, Nd4j.zeros(DataType.FLOAT, v.shape())));
  }

  /**
   * The encoder with a LoRA adapter (new or loaded) and given head weights ({@code head.*}).
   *
   * @param clipDir a Hugging Face CLIP directory
   * @param adapter the adapter; its tensors are the live arrays trained
   * @param kind the head
   * @param hidden the head's hidden width
   * @param classes classes
   * @param headWeights the head's weights (and BatchNorm running statistics, optional)
   * @return the classifier
   * @throws IOException if the model cannot be read
   * @throws IllegalStateException if ND4J's backend is not the CPU one
   */
  public static EagerVitClassifier lora(
      Path clipDir,
      LoraAdapter adapter,
      ClassifierHead.Kind kind,
      int hidden,
      int classes,
      Map<String, INDArray> headWeights)
      throws IOException {
    return new EagerVitClassifier(clipDir, adapter, 1.0, kind, hidden, classes, headWeights);
  }

  /**
   * The encoder with every vision weight trainable and given head weights ({@code head.*}).
   *
   * @param clipDir a Hugging Face CLIP directory
   * @param encoderLrScale learning-rate multiplier of the encoder's weights
   * @param kind the head
   * @param hidden the head's hidden width
   * @param classes classes
   * @param headWeights the head's weights
   * @return the classifier
   * @throws IOException if the model cannot be read
   * @throws IllegalStateException if ND4J's backend is not the CPU one
   */
  public static EagerVitClassifier fullFineTuning(
      Path clipDir,
      double encoderLrScale,
      ClassifierHead.Kind kind,
      int hidden,
      int classes,
      Map<String, INDArray> headWeights)
      throws IOException {
    return new EagerVitClassifier(
        clipDir, null, encoderLrScale, kind, hidden, classes, headWeights);
  }

  /**
   * Turns gradient checkpointing on or off (off by default): on, the forward pass keeps only each
   * block's input and the backward pass recomputes the block, trading one more forward pass for the
   * activation memory of all but one block.
   *
   * @param on whether to checkpoint
   * @return this classifier
   */
  public EagerVitClassifier checkpointing(boolean on) {
    tower.checkpointing(on);
    return this;
  }

  /** Replaces the dropout masks (tests: masks recorded from PyTorch). */
  void masks(VitLora.MaskSource source) {
    tower.masks(source);
  }

  /**
   * Returns the bytes of native memory the last training step's forward pass held for its backward
   * pass (the activations; with checkpointing, the blocks' inputs), counted over the arrays it
   * kept.
   *
   * @return bytes, 0 before the first step
   */
  public long activationBytes() {
    return activationBytes;
  }

  @Override
  public Map<String, INDArray> parameters() {
    return params;
  }

  @Override
  public Map<String, INDArray> buffers() {
    return head.buffers();
  }

  @Override
  public int classes() {
    return classes;
  }

  @Override
  public double learningRateScale(String parameter) {
    return ParameterNames.learningRateScale(parameter, lora, encoderLrScale);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The gradient arrays are reused: they hold this step's gradients until the next step.
   */
  @Override
  public Step trainStep(INDArray input, INDArray labels, long seed) {
    INDArray pixels = input.castTo(DataType.FLOAT).dup('c');
    TowerPass pass = tower.forward(pixels, true, seed);
    try {
      activationBytes = pass.bytes();
      double[][] logits = head.forward(pass.embeddings(), true);
      int n = logits.length;
      float[] y = labels.castTo(DataType.FLOAT).dup('c').data().asFloat();
      double loss = 0;
      double[][] dLogits = new double[n][classes];
      for (int i = 0; i < n; i++) {
        double[] p = softmax(logits[i]);
        double mass = 0;
        for (int c = 0; c < classes; c++) {
          mass += y[i * classes + c];
        }
        for (int c = 0; c < classes; c++) {
          double yc = y[i * classes + c];
          if (yc != 0) {
            loss -= yc * Math.log(Math.max(p[c], Double.MIN_NORMAL));
          }
          dLogits[i][c] = (p[c] * mass - yc) / n;
        }
      }
      INDArray dEmbeds = head.backward(dLogits, grads);
      tower.backward(pass, dEmbeds, grads);
      dEmbeds.close();
      return new Step(loss / n, grads);
    } finally {
      pass.close();
      pixels.close();
    }
  }

  private static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] p = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < z.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  @Override
  public INDArray probabilities(INDArray input) {
    return logitsAndProbabilities(input)[1];
  }

  @Override
  public INDArray[] logitsAndProbabilities(INDArray input) {
    int n = (int) input.size(0);
    double[][] all = new double[n][];
    for (int from = 0; from < n; from += EVAL_CHUNK) {
      int to = Math.min(n, from + EVAL_CHUNK);
      INDArray chunk =
          input
              .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to))
              .castTo(DataType.FLOAT);
      INDArray pixels = chunk.dup('c');
      TowerPass pass = tower.forward(pixels, false, 0);
      double[][] logits = head.forward(pass.embeddings(), false);
      pass.close();
      pixels.close();
      System.arraycopy(logits, 0, all, from, to - from);
    }
    float[] l = new float[n * classes];
    float[] p = new float[n * classes];
    for (int i = 0; i < n; i++) {
      double[] pr = softmax(all[i]);
      for (int c = 0; c < classes; c++) {
        l[i * classes + c] = (float) all[i][c];
        p[i * classes + c] = (float) pr[c];
      }
    }
    return new INDArray[] {
      Nd4j.create(l, new long[] {n, classes}, 'c'), Nd4j.create(p, new long[] {n, classes}, 'c')
    };
  }

  /**
   * Returns the image embeddings the head sees (evaluation mode).
   *
   * @param pixels preprocessed images
   * @return embeddings [batch, projection dim]
   */
  public INDArray embeddings(INDArray pixels) {
    INDArray x = pixels.castTo(DataType.FLOAT).dup('c');
    TowerPass pass = tower.forward(x, false, 0);
    INDArray e = pass.embeddings().dup();
    pass.close();
    return e;
  }

  /**
   * Returns the encoder weights that train (full fine-tuning), by checkpoint name: the live arrays.
   *
   * @return name to weight (empty with LoRA)
   */
  public Map<String, INDArray> encoderWeights() {
    return ParameterNames.encoderWeights(params);
  }

  /**
   * Returns the head's parameters and buffers (names {@code head.*}).
   *
   * @return name to tensor
   */
  public Map<String, INDArray> headWeights() {
    Map<String, INDArray> m = new LinkedHashMap<>(head.parameters());
    m.putAll(head.buffers());
    return m;
  }
}
