package org.fairness4j.models.zeroshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.prediction.ProbabilityTable;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.models.ImageEncoder;
import org.fairness4j.models.TextEncoder;
import org.fairness4j.models.text.PromptTokenizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * CLIP zero-shot classification: each class is described by prompts (templates filled with the
 * class name); their L2-normalised text embeddings are averaged and renormalised (CLIP's prompt
 * ensemble); an image's class scores are the softmax over classes of logit scale × cosine
 * similarity. The class text embeddings are computed once, at construction.
 */
public final class ZeroShotClassifier {
  private final ImageEncoder images;
  private final ClassLabels classes;
  private final INDArray classEmbeddings;
  private final double logitScale;

  /**
   * Builds the classifier.
   *
   * @param images the image encoder
   * @param texts the text encoder
   * @param tokenizer its tokenizer
   * @param logitScale exp(logit_scale) of the model
   * @param prompts class label to its prompts (at least one each), in class order
   */
  public ZeroShotClassifier(
      ImageEncoder images,
      TextEncoder texts,
      PromptTokenizer tokenizer,
      double logitScale,
      Map<String, List<String>> prompts) {
    if (prompts.isEmpty()) {
      throw new IllegalArgumentException("at least one class is needed");
    }
    if (texts.embeddingDim() != images.embeddingDim()) {
      throw new IllegalArgumentException("image and text embeddings differ in size");
    }
    this.images = images;
    this.logitScale = logitScale;
    this.classes = ClassLabels.of(new ArrayList<>(prompts.keySet()));
    INDArray rows =
        Nd4j.create(
            org.nd4j.linalg.api.buffer.DataType.FLOAT, prompts.size(), texts.embeddingDim());
    int c = 0;
    for (Map.Entry<String, List<String>> e : prompts.entrySet()) {
      if (e.getValue().isEmpty()) {
        throw new IllegalArgumentException("class '" + e.getKey() + "' has no prompt");
      }
      int[][] ids = new int[e.getValue().size()][];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = tokenizer.encode(e.getValue().get(i));
      }
      INDArray emb = normalizeRows(texts.encode(ids)).mean(0);
      rows.putRow(c++, emb.div(emb.norm2Number()));
    }
    this.classEmbeddings = rows;
  }

  /**
   * Prompts from templates: each {@code {}} is replaced by the class name.
   *
   * @param classNames class names, in class order
   * @param templates e.g. {@code "a chest x-ray showing {}."}
   * @return class name to its prompts
   */
  public static Map<String, List<String>> prompts(List<String> classNames, List<String> templates) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String c : classNames) {
      List<String> p = new ArrayList<>();
      for (String t : templates) {
        p.add(t.replace("{}", c));
      }
      out.put(c, List.copyOf(p));
    }
    return out;
  }

  private static INDArray normalizeRows(INDArray x) {
    INDArray norms = x.norm2(1).reshape(x.rows(), 1);
    return x.divColumnVector(norms);
  }

  /**
   * Returns the class labels, in score order.
   *
   * @return the labels
   */
  public ClassLabels classes() {
    return classes;
  }

  /**
   * Class probabilities of a batch of preprocessed images.
   *
   * @param pixels {@code [batch, 3, size, size]}
   * @return {@code [batch, classes]}, rows sum to 1
   */
  public INDArray probabilities(INDArray pixels) {
    return probabilitiesOfEmbeddings(images.encode(pixels));
  }

  /**
   * Class probabilities of image embeddings computed elsewhere (e.g. batch by batch with a cache).
   *
   * @param imageEmbeddings {@code [batch, dim]}, not necessarily normalised
   * @return {@code [batch, classes]}, rows sum to 1
   */
  public INDArray probabilitiesOfEmbeddings(INDArray imageEmbeddings) {
    return Transforms.softmax(logitsOfEmbeddings(imageEmbeddings), false);
  }

  /**
   * The logits of image embeddings: the cosine similarities with the class embeddings times the
   * logit scale (their softmax is {@link #probabilitiesOfEmbeddings}).
   *
   * @param imageEmbeddings {@code [batch, dim]}, not necessarily normalised
   * @return {@code [batch, classes]}
   */
  public INDArray logitsOfEmbeddings(INDArray imageEmbeddings) {
    INDArray img = normalizeRows(imageEmbeddings);
    return img.mmul(classEmbeddings.transpose()).muli(logitScale);
  }

  /**
   * Predicts image embeddings into a table with the probabilities and the logits (the scaled cosine
   * similarities they are the softmax of), labelled with {@link #classes()}.
   *
   * @param imageEmbeddings {@code [rows, dim]}, not necessarily normalised
   * @param ids one id per row (e.g. the image path)
   * @param trueClasses true class index per row, or null where the truth is unknown
   * @return the table
   * @throws IllegalArgumentException if the sizes disagree
   */
  public ProbabilityTable predictions(
      INDArray imageEmbeddings, List<String> ids, int[] trueClasses) {
    return predictions(imageEmbeddings, ids, trueClasses, classes);
  }

  /**
   * Predicts image embeddings into a table, with class labels of the caller's choosing (e.g. the
   * data set's class names rather than the prompt names).
   *
   * @param imageEmbeddings {@code [rows, dim]}, not necessarily normalised
   * @param ids one id per row (e.g. the image path)
   * @param trueClasses true class index per row, or null where the truth is unknown
   * @param labels the labels of the classes, in {@link #classes()} order
   * @return the table
   * @throws IllegalArgumentException if the sizes disagree or {@code labels} has another size
   */
  public ProbabilityTable predictions(
      INDArray imageEmbeddings, List<String> ids, int[] trueClasses, ClassLabels labels) {
    if (labels.size() != classes.size()) {
      throw new IllegalArgumentException(
          labels.size() + " labels for " + classes.size() + " classes " + classes);
    }
    INDArray logits = logitsOfEmbeddings(imageEmbeddings);
    INDArray probabilities = Transforms.softmax(logits, true);
    return ProbabilityTable.of(
        ids, trueClasses, probabilities.toFloatMatrix(), logits.toFloatMatrix(), labels);
  }
}
