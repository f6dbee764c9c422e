package org.fairness4j.models.adapt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A classification head on embeddings, in SameDiff: the study's heads ({@link Kind}). Weights use
 * PyTorch's names and layout ({@code fc1.weight} [out, in], {@code bn.running_mean}, ...) so that
 * they can be compared with and exchanged for a PyTorch state dict. BatchNorm follows {@code
 * nn.BatchNorm1d}: batch statistics (biased variance) in training, running statistics (momentum
 * 0.1, unbiased variance) in evaluation.
 */
public final class ClassifierHead implements TrainableClassifier {
  /** The head architectures. */
  public enum Kind {
    /** Linear(emb → C). */
    LINEAR,
    /** Linear(emb → hidden) → Linear(hidden → C), no activation: the authors' "linear probe". */
    LINEAR_HIDDEN,
    /** Linear(emb → hidden) → BatchNorm1d → ReLU → Linear(hidden → C): the authors' MLP head. */
    MLP
  }

  private final Kind kind;
  private final int inputDim;
  private final int hidden;
  private final int classes;
  private final SameDiff sd;
  private boolean gradients;
  private final HeadGraph graph;

  private ClassifierHead(
      Kind kind, int inputDim, int hidden, int classes, Map<String, INDArray> w) {
    this.kind = kind;
    this.inputDim = inputDim;
    this.hidden = hidden;
    this.classes = classes;
    this.sd = SameDiff.create();
    SDVariable x = sd.placeHolder("input", DataType.FLOAT, -1, inputDim);
    SDVariable y = sd.placeHolder("labels", DataType.FLOAT, -1, classes);
    this.graph = new HeadGraph(sd, "", x, kind, hidden, w);
    sd.nn().softmax("probabilities", graph.eval, 1);
    HeadGraph.crossEntropy(sd, graph.train, y, "loss");
    sd.setLossVariables("loss");
  }

  /**
   * Creates a head with PyTorch's default initialisation ({@code nn.Linear}: weights and biases
   * uniform in ±1/√in; BatchNorm weight 1, bias 0), seeded.
   *
   * @param kind the architecture
   * @param inputDim embedding width
   * @param hidden hidden width (ignored for {@link Kind#LINEAR}); the study uses 1024
   * @param classes number of classes
   * @param seed the seed
   * @return the head
   */
  public static ClassifierHead create(Kind kind, int inputDim, int hidden, int classes, long seed) {
    Random rng = new Random(seed);
    Map<String, INDArray> w = new LinkedHashMap<>();
    if (kind == Kind.LINEAR) {
      init(w, "fc", inputDim, classes, rng);
    } else {
      init(w, "fc1", inputDim, hidden, rng);
      init(w, "fc2", hidden, classes, rng);
      if (kind == Kind.MLP) {
        w.put("bn.weight", Nd4j.ones(DataType.FLOAT, hidden));
        w.put("bn.bias", Nd4j.zeros(DataType.FLOAT, hidden));
      }
    }
    return of(kind, inputDim, hidden, classes, w);
  }

  private static void init(Map<String, INDArray> w, String name, int in, int out, Random rng) {
    double bound = 1 / Math.sqrt(in);
    float[] wt = new float[in * out];
    for (int i = 0; i < wt.length; i++) {
      wt[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
    }
    float[] b = new float[out];
    for (int i = 0; i < out; i++) {
      b[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
    }
    w.put(name + ".weight", Nd4j.create(wt, new long[] {out, in}, 'c'));
    w.put(name + ".bias", Nd4j.create(b, new long[] {out}, 'c'));
  }

  /**
   * Creates a head from weights (PyTorch names and layout; running statistics optional).
   *
   * @param kind the architecture
   * @param inputDim embedding width
   * @param hidden hidden width
   * @param classes classes
   * @param weights the weights
   * @return the head
   * @throws IllegalArgumentException if a weight is missing or mis-shaped
   */
  public static ClassifierHead of(
      Kind kind, int inputDim, int hidden, int classes, Map<String, INDArray> weights) {
    for (Map.Entry<String, long[]> e : shapes(kind, inputDim, hidden, classes).entrySet()) {
      INDArray a = weights.get(e.getKey());
      if (a == null) {
        throw new IllegalArgumentException("missing head weight " + e.getKey());
      }
      if (!java.util.Arrays.equals(a.shape(), e.getValue())) {
        throw new IllegalArgumentException(
            "head weight "
                + e.getKey()
                + " has shape "
                + java.util.Arrays.toString(a.shape())
                + ", expected "
                + java.util.Arrays.toString(e.getValue()));
      }
    }
    return new ClassifierHead(kind, inputDim, hidden, classes, weights);
  }

  /**
   * The expected weight shapes of an architecture.
   *
   * @param kind the architecture
   * @param inputDim embedding width
   * @param hidden hidden width
   * @param classes classes
   * @return name to shape
   */
  public static Map<String, long[]> shapes(Kind kind, int inputDim, int hidden, int classes) {
    Map<String, long[]> s = new LinkedHashMap<>();
    if (kind == Kind.LINEAR) {
      s.put("fc.weight", new long[] {classes, inputDim});
      s.put("fc.bias", new long[] {classes});
    } else {
      s.put("fc1.weight", new long[] {hidden, inputDim});
      s.put("fc1.bias", new long[] {hidden});
      if (kind == Kind.MLP) {
        s.put("bn.weight", new long[] {hidden});
        s.put("bn.bias", new long[] {hidden});
      }
      s.put("fc2.weight", new long[] {classes, hidden});
      s.put("fc2.bias", new long[] {classes});
    }
    return s;
  }

  /**
   * Returns the architecture.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the embedding width.
   *
   * @return the input width
   */
  public int inputDim() {
    return inputDim;
  }

  /**
   * Returns the hidden width.
   *
   * @return the hidden width
   */
  public int hidden() {
    return hidden;
  }

  @Override
  public Map<String, INDArray> parameters() {
    return graph.params;
  }

  @Override
  public Map<String, INDArray> buffers() {
    return graph.buffers;
  }

  @Override
  public int classes() {
    return classes;
  }

  @Override
  public Step trainStep(INDArray input, INDArray labels, long seed) {
    if (!gradients) {
      org.fairness4j.models.nn.GradientGraphs.create(sd);
      gradients = true;
    }
    Map<String, INDArray> ph =
        Map.of("input", input.castTo(DataType.FLOAT), "labels", labels.castTo(DataType.FLOAT));
    List<String> outputs = new ArrayList<>(List.of("loss"));
    outputs.addAll(graph.statisticsOutputs());
    OutAndGrad r = sd.calculateGradientsAndOutputs(ph, outputs, graph.paramVars.values());
    Map<String, INDArray> grads = new LinkedHashMap<>();
    graph.paramVars.forEach((k, v) -> grads.put(k, r.getGradients().get(v)));
    graph.updateRunningStatistics(r.getOutputs(), input.size(0));
    return new Step(r.getOutputs().get("loss").getDouble(0), grads);
  }

  @Override
  public INDArray probabilities(INDArray input) {
    return sd.output(Map.of("input", input.castTo(DataType.FLOAT)), "probabilities")
        .get("probabilities");
  }

  @Override
  public INDArray[] logitsAndProbabilities(INDArray input) {
    String logits = graph.eval.name();
    Map<String, INDArray> o =
        sd.output(Map.of("input", input.castTo(DataType.FLOAT)), logits, "probabilities");
    return new INDArray[] {o.get(logits), o.get("probabilities")};
  }
}
