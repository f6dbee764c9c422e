package org.fairness4j.models.openclip;

import java.util.Map;
import org.fairness4j.models.bert.BertTextEncoder;
import org.fairness4j.models.nn.BertTextTower;
import org.fairness4j.models.nn.WeightSet;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The text tower of an open_clip model on a Hugging Face BERT (BiomedCLIP's PubMedBERT): the last
 * hidden state of {@code [CLS]} ({@code cls_last_hidden_state_pooler}) and open_clip's projection,
 * {@code mlp} (Linear, exact GELU, Linear, no biases; hidden width (d + embed)/2) or {@code linear}
 * (no bias).
 */
public final class OpenClipTextEncoder extends BertTextTower {
  static final String PREFIX = "text.";
  private static final String IN = "cls";
  private static final String OUT = "text_features";

  private final SameDiff proj = SameDiff.create();

  OpenClipTextEncoder(BertTextEncoder bert, String projType, int embedDim, WeightSet w) {
    super(bert, embedDim);
    long d = bert.embeddingDim();
    SDVariable x = proj.placeHolder(IN, DataType.FLOAT, -1, d);
    SDVariable y;
    switch (projType) {
      case "mlp" -> {
        long h = (d + embedDim) / 2;
        SDVariable a = proj.mmul(x, transposed(w, PREFIX + "proj.0.weight", h, d));
        SDVariable g = a.mul(proj.math().erf(a.mul(1.0 / Math.sqrt(2.0))).add(1.0)).mul(0.5);
        y = proj.mmul(g, transposed(w, PREFIX + "proj.2.weight", embedDim, h));
      }
      case "linear" -> y = proj.mmul(x, transposed(w, PREFIX + "proj.weight", embedDim, d));
      default -> throw new IllegalArgumentException("unsupported hf_proj_type " + projType);
    }
    y.rename(OUT);
  }

  private SDVariable transposed(WeightSet w, String name, long out, long in) {
    return proj.constant(name.replace('.', '_'), w.take(name, out, in).transpose().dup('c'));
  }

  @Override
  public INDArray encode(int[][] tokenIds) {
    INDArray cls = bert().encode(tokenIds);
    return proj.output(Map.of(IN, cls), OUT).get(OUT);
  }
}
