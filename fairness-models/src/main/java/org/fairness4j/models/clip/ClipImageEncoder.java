package org.fairness4j.models.clip;

import org.fairness4j.models.ImageEncoder;
import org.fairness4j.models.nn.EagerClipBlocks;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.nn.GraphImageEncoder;
import org.fairness4j.models.nn.WeightSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * CLIP's vision transformer: patch embedding (as a matrix product over flattened patches, equal to
 * PyTorch's stride-p convolution), class token, position embedding, pre-LayerNorm, pre-LN blocks,
 * post-LayerNorm of the class token and the visual projection.
 *
 * <p>On ND4J's CPU backend it runs eagerly, op by op on arrays in host memory ({@link
 * EagerClipBlocks}), which is faster than a SameDiff graph, most of all at small batches; on other
 * backends (CUDA) it runs the SameDiff graph of {@link ClipVisionGraph}. The system property {@code
 * fairness4j.inference=graph} forces the graph (read when the encoder is built). Both compute the
 * same function with the same folded weights and match PyTorch to about 1e-6.
 */
public final class ClipImageEncoder implements ImageEncoder {
  /**
   * System property choosing how inference runs: {@code eager} (default where supported) or {@code
   * graph}.
   */
  public static final String INFERENCE_PROPERTY = "fairness4j.inference";

  private final ClipConfig config;
  private final EagerClipVision eager;
  private final Graph graph;
  private volatile boolean closed;

  ClipImageEncoder(ClipConfig config, WeightSet w) {
    this.config = config;
    if (eagerInference()) {
      this.eager = new EagerClipVision(config, w);
      this.graph = null;
    } else {
      this.eager = null;
      this.graph = new Graph(config, w);
    }
  }

  /**
   * Whether encoders built now run eagerly: on the CPU backend unless {@value #INFERENCE_PROPERTY}
   * is {@code graph}.
   *
   * @return true for eager inference
   */
  static boolean eagerInference() {
    String chosen = System.getProperty(INFERENCE_PROPERTY, "eager");
    if (!chosen.equals("eager") && !chosen.equals("graph")) {
      throw new IllegalArgumentException(
          INFERENCE_PROPERTY + " must be eager or graph, got " + chosen);
    }
    return chosen.equals("eager") && EagerClipBlocks.supported();
  }

  /**
   * Whether this encoder runs eagerly rather than as a SameDiff graph.
   *
   * @return true if eager
   */
  public boolean isEager() {
    return eager != null;
  }

  @Override
  public INDArray encode(INDArray pixels) {
    if (graph != null) {
      return graph.encode(pixels);
    }
    if (closed) {
      throw new IllegalStateException("encoder is closed");
    }
    GraphImageEncoder.checkPixels(pixels, config.vision().channels(), imageSize());
    return eager.encode(pixels.castTo(DataType.FLOAT));
  }

  @Override
  public int embeddingDim() {
    return config.projectionDim();
  }

  @Override
  public int imageSize() {
    return config.vision().positions();
  }

  @Override
  public void close() {
    closed = true;
    if (graph != null) {
      graph.close();
    }
  }

  /** The SameDiff graph form. */
  private static final class Graph extends GraphImageEncoder {
    private final int dim;

    Graph(ClipConfig config, WeightSet w) {
      super(config.vision().channels(), config.vision().positions());
      this.dim = config.projectionDim();
      setOutput(
          ClipVisionGraph.build(graph(), config, w, GraphAdaptation.NONE, pixels(), null)
              .embeddings());
    }

    @Override
    public int embeddingDim() {
      return dim;
    }
  }
}
