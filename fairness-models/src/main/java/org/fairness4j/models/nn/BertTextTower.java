package org.fairness4j.models.nn;

import java.util.Objects;
import org.fairness4j.models.TextEncoder;
import org.fairness4j.models.bert.BertTextEncoder;

/**
 * The common part of the text towers on a Hugging Face BERT (GLoRIA's, MedCLIP's, open_clip's
 * BiomedCLIP): it owns the BERT, answers its context length, and closes it; a subclass turns BERT's
 * hidden states into the tower's embedding in {@link #encode}.
 */
public abstract class BertTextTower implements TextEncoder {
  private final BertTextEncoder bert;
  private final int embeddingDim;

  /**
   * Creates the tower.
   *
   * @param bert the BERT, closed with this tower
   * @param embeddingDim the width of what {@link #encode} returns
   */
  protected BertTextTower(BertTextEncoder bert, int embeddingDim) {
    this.bert = Objects.requireNonNull(bert, "bert");
    this.embeddingDim = embeddingDim;
  }

  /**
   * Returns the BERT this tower runs.
   *
   * @return the BERT
   */
  protected final BertTextEncoder bert() {
    return bert;
  }

  @Override
  public final int embeddingDim() {
    return embeddingDim;
  }

  @Override
  public final int contextLength() {
    return bert.contextLength();
  }

  @Override
  public final void close() {
    bert.close();
  }
}
