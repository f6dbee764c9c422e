package org.fairness4j.models.text;

/**
 * Turns a prompt into the fixed-length token ids a {@link org.fairness4j.models.TextEncoder} takes.
 */
public interface PromptTokenizer {
  /**
   * Tokenizes one text.
   *
   * @param text the text
   * @return exactly {@link #contextLength()} ids
   */
  int[] encode(String text);

  /**
   * Returns the number of ids per text.
   *
   * @return the context length
   */
  int contextLength();
}
