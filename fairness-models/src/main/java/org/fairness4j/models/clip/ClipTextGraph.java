package org.fairness4j.models.clip;

import java.util.Map;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.nn.TransformerOps;
import org.fairness4j.models.nn.WeightSet;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CLIP's causal text transformer built into a given SameDiff graph: token and position embeddings,
 * causal pre-LN blocks, final LayerNorm, pooling at the end-of-text token and the text projection.
 * With a {@link GraphAdaptation} its weights can train.
 */
public final class ClipTextGraph {
  private final SDVariable embeddings;
  private final Map<String, SDVariable> trainable;

  private ClipTextGraph(SDVariable embeddings, Map<String, SDVariable> trainable) {
    this.embeddings = embeddings;
    this.trainable = trainable;
  }

  /**
   * Adds the text tower to a graph.
   *
   * @param sd the graph
   * @param config the model's shapes
   * @param w where the weights come from
   * @param adaptation trainable weights ({@link GraphAdaptation#NONE} for inference)
   * @param ids token ids [batch, positions], int32
   * @param eos one-hot end-of-text position [batch, positions, 1]
   * @param outputName name of the embedding variable, or null
   * @return the graph's handles
   */
  public static ClipTextGraph build(
      SameDiff sd,
      ClipConfig config,
      WeightSet w,
      GraphAdaptation adaptation,
      SDVariable ids,
      SDVariable eos,
      String outputName) {
    ClipConfig.Tower t = config.text();
    int len = t.positions();
    long d = t.hiddenSize();
    String p = "text_model";
    TransformerOps ops =
        new TransformerOps(
                sd, w, t.hiddenSize(), t.heads(), t.intermediateSize(), t.layerNormEps(), len)
            .adapt(adaptation);
    SDVariable table = ops.weight(p + ".embeddings.token_embedding.weight", t.vocabOrPatch(), d);
    SDVariable pos = ops.weight(p + ".embeddings.position_embedding.weight", len, d);
    SDVariable x = sd.gather(table, ids, 0).add(pos);
    INDArray mask = Nd4j.zeros(DataType.FLOAT, len, len);
    for (int i = 0; i < len; i++) {
      for (int j = i + 1; j < len; j++) {
        mask.putScalar(i, j, -1e30f);
      }
    }
    SDVariable h = ops.clipBlocks(x, p + ".encoder", t.layers(), ops.constant("causal_mask", mask));
    h = ops.layerNorm(h, p + ".final_layer_norm");
    SDVariable pooled = h.mul(eos).sum(1);
    String projName = "text_projection.weight";
    SDVariable out;
    if (ops.isTrainable(projName)) {
      out = sd.mmul(pooled, ops.weight(projName, config.projectionDim(), d), false, true, false);
    } else {
      INDArray proj = w.take(projName, config.projectionDim(), d);
      out = sd.mmul(pooled, ops.constant("text_projection", proj.transpose().dup('c')));
    }
    if (outputName != null) {
      out = out.rename(outputName);
    }
    return new ClipTextGraph(out, ops.trainableWeights());
  }

  /**
   * Returns the text embeddings [batch, projection dim] (not normalised).
   *
   * @return the variable
   */
  public SDVariable embeddings() {
    return embeddings;
  }

  /**
   * Returns the weights made trainable, by checkpoint name.
   *
   * @return name to variable
   */
  public Map<String, SDVariable> trainableWeights() {
    return trainable;
  }
}
