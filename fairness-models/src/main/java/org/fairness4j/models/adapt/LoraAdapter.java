package org.fairness4j.models.adapt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.WeightFormatException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A hand-written LoRA adapter: for each adapted projection W (frozen) it adds (α/r)·B·A·x, A [r,
 * in] initialised Kaiming-uniform (bound 1/√in, as peft), B [out, r] zero, with optional dropout on
 * x. Only A and B train. As a {@link GraphAdaptation} it inserts itself into an encoder graph; it
 * saves and loads only its own tensors, and merges into (or out of) the base weights for inference.
 *
 * <p>Tensor names follow peft: {@code <layer>.lora_A.weight}, {@code <layer>.lora_B.weight}; the
 * fused qkv adapter of an attention block is {@code <block>.self_attn.qkv.lora_A.weight}.
 */
public final class LoraAdapter implements GraphAdaptation {
  private static final Pattern BLOCK = Pattern.compile("\\.(?:layers|blocks)\\.(\\d+)\\.");

  /** Whether a layer is in an image tower: Hugging Face's {@code vision_model.}, open_clip's. */
  private static boolean inTower(String prefix) {
    return prefix.startsWith("vision_model.") || prefix.startsWith("visual.");
  }

  private final LoraConfig config;
  private final long seed;
  private final Map<String, INDArray> weights = new LinkedHashMap<>();
  private final Map<String, String> variables = new LinkedHashMap<>();
  private final Map<String, Long> dropoutInputs = new LinkedHashMap<>();

  private LoraAdapter(LoraConfig config, long seed, Map<String, INDArray> initial) {
    this.config = config;
    this.seed = seed;
    initial.forEach((k, v) -> weights.put(k, v.castTo(DataType.FLOAT).dup('c')));
  }

  /**
   * A new adapter; A is drawn (seeded per layer) when the graph is built, B is zero.
   *
   * @param config where and how to adapt
   * @param seed the initialisation seed
   * @return the adapter
   */
  public static LoraAdapter create(LoraConfig config, long seed) {
    return new LoraAdapter(config, seed, Map.of());
  }

  /**
   * An adapter with given tensors (peft names), e.g. to continue training or for tests.
   *
   * @param config where and how to adapt
   * @param tensors the A and B tensors
   * @return the adapter
   */
  public static LoraAdapter of(LoraConfig config, Map<String, INDArray> tensors) {
    return new LoraAdapter(config, 0, tensors);
  }

  /**
   * Returns the configuration.
   *
   * @return the config
   */
  public LoraConfig config() {
    return config;
  }

  /**
   * Returns the adapter's tensors by name: after a graph is built, the live arrays of its
   * variables.
   *
   * @return name to tensor
   */
  public Map<String, INDArray> tensors() {
    return java.util.Collections.unmodifiableMap(weights);
  }

  /** Adapter tensor name to SameDiff variable name, for the graph built last. */
  Map<String, String> variables() {
    return variables;
  }

  /** Dropout mask placeholders (name to input width), for the graph built last. */
  Map<String, Long> dropoutInputs() {
    return dropoutInputs;
  }

  private int block(String prefix) {
    Matcher m = BLOCK.matcher(prefix);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  @Override
  public SDVariable linearDelta(SameDiff sd, String prefix, SDVariable input, long in, long out) {
    if (!inTower(prefix) || !config.adapts(block(prefix))) {
      return null;
    }
    for (LoraConfig.Target t : config.targets()) {
      if (t.matches(prefix)) {
        return delta(sd, prefix, input, in, out);
      }
    }
    return null;
  }

  @Override
  public SDVariable qkvDelta(SameDiff sd, String prefix, SDVariable input, long width) {
    if (!inTower(prefix)
        || !config.targets().contains(LoraConfig.Target.QKV_FUSED)
        || !config.adapts(block(prefix))) {
      return null;
    }
    return delta(sd, prefix + ".qkv", input, width, 3 * width);
  }

  private SDVariable delta(SameDiff sd, String layer, SDVariable x, long in, long out) {
    String a = layer + ".lora_A.weight";
    String b = layer + ".lora_B.weight";
    INDArray av = weights.computeIfAbsent(a, k -> kaimingUniform(k, config.rank(), in));
    INDArray bv = weights.computeIfAbsent(b, k -> Nd4j.zeros(DataType.FLOAT, out, config.rank()));
    check(a, av, config.rank(), in);
    check(b, bv, out, config.rank());
    DataType type = x.dataType();
    SDVariable va = sd.var(a.replace('.', '_'), av.castTo(type).dup('c'));
    SDVariable vb = sd.var(b.replace('.', '_'), bv.castTo(type).dup('c'));
    weights.put(a, va.getArr());
    weights.put(b, vb.getArr());
    variables.put(a, va.name());
    variables.put(b, vb.name());
    SDVariable xin = x;
    if (config.dropout() > 0) {
      String mask = "lora_dropout_" + layer.replace('.', '_');
      dropoutInputs.put(mask, in);
      xin = x.mul(sd.placeHolder(mask, type, -1, in));
    }
    SDVariable low = sd.mmul(xin, va, false, true, false);
    return sd.mmul(low, vb, false, true, false).mul(config.scaling());
  }

  /**
   * Returns the adapter's tensors for a Hugging Face CLIP vision tower of this shape (peft names,
   * e.g. {@code vision_model.encoder.layers.0.self_attn.q_proj.lora_A.weight}): those given, and
   * for every other adapted projection A drawn as a graph build draws it (seeded per layer) and B
   * zero. These live arrays are what an eager trainer updates.
   *
   * @param layers blocks of the tower
   * @param width model width d
   * @param intermediate MLP width
   * @return layer name (without {@code .lora_A.weight}) to {@code {A, B}}, in block order
   * @throws IllegalArgumentException if a given tensor has the wrong shape
   */
  public Map<String, INDArray[]> visionTensors(int layers, long width, long intermediate) {
    Map<String, INDArray[]> out = new LinkedHashMap<>();
    for (int l = 0; l < layers; l++) {
      if (!config.adapts(l)) {
        continue;
      }
      String block = "vision_model.encoder.layers." + l;
      for (LoraConfig.Target t : LoraConfig.Target.values()) {
        if (!config.targets().contains(t)) {
          continue;
        }
        String layer =
            t == LoraConfig.Target.QKV_FUSED ? block + ".self_attn.qkv" : block + t.suffix();
        long in = t == LoraConfig.Target.FC2 ? intermediate : width;
        long outW =
            switch (t) {
              case QKV_FUSED -> 3 * width;
              case FC1 -> intermediate;
              default -> width;
            };
        String a = layer + ".lora_A.weight";
        String b = layer + ".lora_B.weight";
        INDArray av = weights.computeIfAbsent(a, k -> kaimingUniform(k, config.rank(), in));
        INDArray bv =
            weights.computeIfAbsent(b, k -> Nd4j.zeros(DataType.FLOAT, outW, config.rank()));
        check(a, av, config.rank(), in);
        check(b, bv, outW, config.rank());
        out.put(layer, new INDArray[] {av, bv});
      }
    }
    return out;
  }

  private static void check(String name, INDArray a, long rows, long cols) {
    if (a.rank() != 2 || a.size(0) != rows || a.size(1) != cols) {
      throw new IllegalArgumentException(
          "LoRA tensor "
              + name
              + " has shape "
              + java.util.Arrays.toString(a.shape())
              + ", expected ["
              + rows
              + ", "
              + cols
              + "]");
    }
  }

  private INDArray kaimingUniform(String name, long rows, long cols) {
    Random rng = new Random(TrainingSeeds.mix(seed, name.hashCode()));
    double bound = 1 / Math.sqrt(cols);
    float[] v = new float[(int) (rows * cols)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
    }
    return Nd4j.create(v, new long[] {rows, cols}, 'c');
  }

  /**
   * Returns the low-rank update ΔW = (α/r)·B·A of every adapted base weight, by the base weight's
   * checkpoint name (the fused qkv update split into the q, k and v projections).
   *
   * @return base weight name to its update
   */
  public Map<String, INDArray> updates() {
    Map<String, INDArray> out = new LinkedHashMap<>();
    for (String a : weights.keySet()) {
      if (!a.endsWith(".lora_A.weight")) {
        continue;
      }
      String layer = a.substring(0, a.length() - ".lora_A.weight".length());
      INDArray b = weights.get(layer + ".lora_B.weight");
      INDArray dw = b.mmul(weights.get(a)).muli(config.scaling());
      if (layer.endsWith(".self_attn.qkv")) {
        String attn = layer.substring(0, layer.length() - 4);
        long d = dw.size(1);
        String[] names = {".q_proj.weight", ".k_proj.weight", ".v_proj.weight"};
        for (int i = 0; i < 3; i++) {
          out.put(
              attn + names[i],
              dw.get(
                      org.nd4j.linalg.indexing.NDArrayIndex.interval(i * d, (i + 1) * d),
                      org.nd4j.linalg.indexing.NDArrayIndex.all())
                  .dup('c'));
        }
      } else {
        out.put(layer + ".weight", dw);
      }
    }
    return out;
  }

  /**
   * Merges the adapter into base weights: W + ΔW for every adapted weight.
   *
   * @param base reads a base weight by checkpoint name
   * @return the merged weights (only those the adapter changes), to load as overrides
   */
  public Map<String, INDArray> merge(java.util.function.Function<String, INDArray> base) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    updates().forEach((k, dw) -> out.put(k, base.apply(k).castTo(DataType.FLOAT).add(dw)));
    return out;
  }

  /** Maps an update's base-weight name to the name a checkpoint file spells it with. */
  @FunctionalInterface
  public interface CheckpointNames {
    /**
     * Returns the checkpoint's name.
     *
     * @param file the checkpoint file
     * @param name the base weight's name in {@link #updates()}
     * @return the name in the file (the name itself if the file has it or nothing else fits)
     */
    String name(SafetensorsFile file, String name);
  }

  /**
   * Merges the adapter into a checkpoint file's weights: W + ΔW for every adapted weight, read from
   * the file by the name {@code names} gives. Every missing or mis-shaped weight is listed.
   *
   * @param weightsFile the checkpoint's safetensors file
   * @param names the checkpoint's spelling of the update names ({@code (f, n) -> n}: the same)
   * @return the merged weights by the file's names, to load as overrides
   * @throws WeightFormatException naming the file and every weight that is missing or does not fit
   * @throws IOException if the file cannot be read
   */
  public Map<String, INDArray> mergeInto(Path weightsFile, CheckpointNames names)
      throws IOException {
    Map<String, INDArray> merged = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    try (SafetensorsFile f = SafetensorsFile.open(weightsFile)) {
      for (Map.Entry<String, INDArray> e : updates().entrySet()) {
        String n = names.name(f, e.getKey());
        if (!f.contains(n)) {
          problems.add(e.getKey() + " (missing)");
        } else if (!java.util.Arrays.equals(f.shape(n), e.getValue().shape())) {
          problems.add(
              n
                  + " is "
                  + java.util.Arrays.toString(f.shape(n))
                  + ", the update "
                  + java.util.Arrays.toString(e.getValue().shape()));
        } else {
          merged.put(n, Nd4j.create(f.floats(n), f.shape(n), 'c').addi(e.getValue()));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new WeightFormatException(
          weightsFile, "the adapter does not fit this model: " + problems);
    }
    return merged;
  }

  /**
   * Removes the adapter from merged weights: W' − ΔW.
   *
   * @param merged merged weights by checkpoint name
   * @return the base weights (up to float rounding)
   */
  public Map<String, INDArray> unmerge(Map<String, INDArray> merged) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    updates().forEach((k, dw) -> out.put(k, merged.get(k).sub(dw)));
    return out;
  }

  /**
   * Saves only the adapter (tensors and configuration), atomically.
   *
   * @param file the safetensors file
   * @throws IOException if writing fails
   */
  public void save(Path file) throws IOException {
    LoraAdapterFile.write(file, config, weights);
  }

  /**
   * Loads an adapter written by {@link #save}.
   *
   * @param file the file
   * @return the adapter
   * @throws WeightFormatException if the file is not a Fairness4J LoRA adapter
   * @throws IOException if it cannot be read
   */
  public static LoraAdapter load(Path file) throws IOException {
    return LoraAdapterFile.read(file);
  }

  /** Draws the dropout masks (already divided by 1 − p) of one training step. */
  Map<String, INDArray> dropoutMasks(long rows, long stepSeed, boolean training) {
    Map<String, INDArray> masks = new LinkedHashMap<>();
    double p = config.dropout();
    List<String> names = new ArrayList<>(dropoutInputs.keySet());
    for (String name : names) {
      long in = dropoutInputs.get(name);
      float[] v = new float[(int) (rows * in)];
      if (!training) {
        java.util.Arrays.fill(v, 1f);
      } else {
        Random rng = new Random(TrainingSeeds.mix(stepSeed, name.hashCode()));
        float keep = (float) (1 / (1 - p));
        for (int i = 0; i < v.length; i++) {
          v[i] = rng.nextDouble() < p ? 0f : keep;
        }
      }
      masks.put(name, Nd4j.create(v, new long[] {rows, in}, 'c'));
    }
    return masks;
  }
}
