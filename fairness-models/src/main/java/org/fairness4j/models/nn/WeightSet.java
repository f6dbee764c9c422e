package org.fairness4j.models.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.WeightFormatException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Takes tensors from a weight file by name and expected shape, collecting every problem (missing,
 * mis-shaped, unexpected) so that one error lists them all. Internal to the model loaders.
 */
public final class WeightSet {
  private final SafetensorsFile file;
  private final Set<String> used = new LinkedHashSet<>();
  private final List<String> missing = new ArrayList<>();
  private final List<String> misShaped = new ArrayList<>();
  private final List<String> nonFinite = new ArrayList<>();

  /**
   * Starts taking tensors from a file.
   *
   * @param file the open weight file
   */
  public WeightSet(SafetensorsFile file) {
    this(file, java.util.Map.of());
  }

  private final java.util.Map<String, INDArray> overrides;
  private final java.util.function.BiFunction<String, long[], INDArray> generator;
  private final java.util.Map<String, INDArray> generated = new java.util.LinkedHashMap<>();

  private WeightSet(java.util.function.BiFunction<String, long[], INDArray> generator) {
    this.file = null;
    this.overrides = java.util.Map.of();
    this.generator = generator;
  }

  /**
   * A weight set that makes each tensor on first request (e.g. a random initialisation) and
   * remembers it, so that building a graph records every weight it needs.
   *
   * @param generator name and shape to a new tensor
   * @return the weight set
   */
  public static WeightSet generated(
      java.util.function.BiFunction<String, long[], INDArray> generator) {
    return new WeightSet(generator);
  }

  /**
   * Returns the tensors made so far by a {@link #generated} weight set, in request order.
   *
   * @return name to tensor
   */
  public java.util.Map<String, INDArray> generatedTensors() {
    return java.util.Collections.unmodifiableMap(generated);
  }

  /**
   * Starts taking tensors from a file, with some replaced (e.g. fine-tuned or LoRA-merged weights).
   *
   * @param file the open weight file
   * @param overrides name to replacement (same shape as in the file)
   */
  public WeightSet(SafetensorsFile file, java.util.Map<String, INDArray> overrides) {
    this.file = file;
    this.overrides = java.util.Map.copyOf(overrides);
    this.generator = null;
  }

  /**
   * Returns a tensor, or a zero placeholder of the expected shape when it is missing or mis-shaped
   * (the problem is recorded for {@link #finish}).
   *
   * @param name the tensor name
   * @param shape the expected shape
   * @return the tensor
   */
  public INDArray take(String name, long... shape) {
    used.add(name);
    if (generator != null) {
      return generated.computeIfAbsent(name, n -> generator.apply(n, shape));
    }
    INDArray o = overrides.get(name);
    if (o != null) {
      if (!Arrays.equals(o.shape(), shape)) {
        misShaped.add(
            name
                + " (replacement) is "
                + Arrays.toString(o.shape())
                + ", expected "
                + Arrays.toString(shape));
        return Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
      }
      INDArray copy = o.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c');
      checkFinite(name, copy.data().asFloat());
      return copy;
    }
    if (!file.contains(name)) {
      missing.add(name + " " + Arrays.toString(shape));
      return Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
    }
    long[] actual = file.shape(name);
    if (!Arrays.equals(actual, shape)) {
      misShaped.add(
          name + " is " + Arrays.toString(actual) + ", expected " + Arrays.toString(shape));
      return Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
    }
    float[] data = file.floats(name);
    checkFinite(name, data);
    return shape.length == 0 ? Nd4j.scalar(data[0]) : Nd4j.create(data, shape, 'c');
  }

  private void checkFinite(String name, float[] data) {
    String problem = org.fairness4j.models.weights.NonFiniteValues.describe(name, data);
    if (problem != null) {
      nonFinite.add(problem);
    }
  }

  /**
   * Throws if a tensor taken so far holds NaN or infinite values (every loader calls it through
   * {@link #finish}; a caller that does not finish calls it directly).
   *
   * @throws WeightFormatException naming the first such tensor, in one line
   */
  public void requireFinite() throws WeightFormatException {
    if (nonFinite.isEmpty()) {
      return;
    }
    String more = nonFinite.size() == 1 ? "" : " (and " + (nonFinite.size() - 1) + " more tensors)";
    throw new WeightFormatException(
        file == null ? java.nio.file.Path.of("(generated)") : file.file(),
        nonFinite.get(0) + more + ": the weights are corrupt; re-download or re-export them");
  }

  /**
   * Throws if a tensor holds NaN or infinite values, or anything was missing or mis-shaped, or if
   * tensors under the given prefixes were not used (buffers such as {@code position_ids} and batch
   * norm's {@code num_batches_tracked}, which PyTorch state dicts carry, excepted).
   *
   * @param prefixes name prefixes that belong to the model
   * @throws WeightFormatException naming the first non-finite tensor, or listing every other
   *     problem
   */
  public void finish(List<String> prefixes) throws WeightFormatException {
    requireFinite();
    List<String> unexpected = new ArrayList<>();
    for (String n : file.names()) {
      boolean ours = prefixes.stream().anyMatch(n::startsWith);
      if (ours
          && !used.contains(n)
          && !n.endsWith("position_ids")
          && !n.endsWith("num_batches_tracked")) {
        unexpected.add(n);
      }
    }
    if (missing.isEmpty() && misShaped.isEmpty() && unexpected.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder("weights do not fit the model:");
    if (!missing.isEmpty()) {
      sb.append(" missing ").append(missing).append(';');
    }
    if (!misShaped.isEmpty()) {
      sb.append(" mis-shaped ").append(misShaped).append(';');
    }
    if (!unexpected.isEmpty()) {
      sb.append(" unexpected ").append(unexpected).append(';');
    }
    throw new WeightFormatException(file.file(), sb.substring(0, sb.length() - 1));
  }
}
