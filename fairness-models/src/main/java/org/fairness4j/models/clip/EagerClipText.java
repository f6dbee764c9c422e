package org.fairness4j.models.clip;

import java.nio.FloatBuffer;
import org.fairness4j.models.nn.EagerPreLnBlocks;
import org.fairness4j.models.nn.WeightSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CLIP's causal text transformer for inference, run op by op on ND4J arrays: the same computation
 * as {@link ClipTextGraph} with {@code GraphAdaptation.NONE} (token and position embeddings,
 * causally masked {@link EagerPreLnBlocks}, final LayerNorm at each text's pooling position folded
 * into the text projection). Immutable; safe to share between threads.
 */
final class EagerClipText {
  private final int hidden;
  private final int positions;
  private final double eps;
  private final INDArray tokenTable;
  private final INDArray positionTable;
  private final INDArray causalMask;
  private final EagerPreLnBlocks blocks;
  private final INDArray projectionT;
  private final INDArray projectionBias;

  EagerClipText(ClipConfig config, WeightSet w) {
    ClipConfig.Tower t = config.text();
    String p = "text_model";
    hidden = t.hiddenSize();
    positions = t.positions();
    eps = t.layerNormEps();
    tokenTable =
        w.take(p + ".embeddings.token_embedding.weight", t.vocabOrPatch(), hidden).dup('c');
    positionTable = w.take(p + ".embeddings.position_embedding.weight", positions, hidden).dup('c');
    causalMask = Nd4j.zeros(DataType.FLOAT, positions, positions);
    for (int i = 0; i < positions; i++) {
      for (int j = i + 1; j < positions; j++) {
        causalMask.putScalar(i, j, -1e30f);
      }
    }
    blocks =
        EagerPreLnBlocks.load(
            w,
            EagerPreLnBlocks.Layout.CLIP,
            p + ".encoder",
            t.layers(),
            hidden,
            t.heads(),
            t.intermediateSize(),
            eps);
    INDArray[] folded =
        EagerPreLnBlocks.foldIntoProjection(
            w, p + ".final_layer_norm", "text_projection.weight", config.projectionDim(), hidden);
    projectionT = folded[0];
    projectionBias = folded[1];
  }

  /**
   * Encodes checked token ids.
   *
   * @param ids [texts·positions] ids, row-major
   * @param eos each text's pooling position
   * @return embeddings [texts, projection dim]
   */
  INDArray encode(int[] ids, int[] eos) {
    int texts = eos.length;
    INDArray h = Nd4j.createUninitialized(DataType.FLOAT, (long) texts * positions, hidden);
    FloatBuffer out = h.data().asNioFloat();
    FloatBuffer table = tokenTable.data().asNioFloat();
    FloatBuffer pos = positionTable.data().asNioFloat();
    for (int r = 0; r < ids.length; r++) {
      int from = ids[r] * hidden;
      int at = (r % positions) * hidden;
      int to = r * hidden;
      for (int i = 0; i < hidden; i++) {
        out.put(to + i, table.get(from + i) + pos.get(at + i));
      }
    }
    blocks.apply(h, texts, positions, causalMask);
    int[] rows = new int[texts];
    for (int r = 0; r < texts; r++) {
      rows[r] = Math.multiplyExact(r, positions) + eos[r];
    }
    INDArray pooled = Nd4j.pullRows(h, 1, rows);
    h.close();
    INDArray normed = EagerPreLnBlocks.normalize(pooled, eps);
    pooled.close();
    INDArray embeddings = normed.mmul(projectionT).addiRowVector(projectionBias);
    normed.close();
    return embeddings;
  }
}
