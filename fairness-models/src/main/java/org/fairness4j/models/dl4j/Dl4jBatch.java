package org.fairness4j.models.dl4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.TableCoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Decodes one DL4J batch for {@link Dl4jFairnessEvaluation}: its size, the classes of label and
 * output rows, the attribute values and their core tokens.
 */
final class Dl4jBatch {
  private Dl4jBatch() {}

  /** The number of examples, after checking that labels, outputs and attribute rows agree. */
  static int size(INDArray labels, INDArray predictions, int attributeRows) {
    if (labels.rank() != 2 || predictions.rank() != 2) {
      throw new IllegalArgumentException(
          "expected rank-2 labels and predictions; time series are not supported");
    }
    int n = (int) labels.size(0);
    if (predictions.size(0) != n || attributeRows != n) {
      throw new IllegalArgumentException(
          "batch sizes differ: labels "
              + n
              + ", predictions "
              + predictions.size(0)
              + ", attribute rows "
              + attributeRows);
    }
    return n;
  }

  /**
   * The class of each row: the argmax of the row, or with one column and two classes, 1 where the
   * value is at or above the threshold.
   */
  static int[] classes(INDArray a, ClassLabels classes, double threshold, String what) {
    int k = classes.size();
    long cols = a.size(1);
    if (cols == 1 && k == 2) {
      double[] v = a.reshape(-1).toDoubleVector();
      int[] out = new int[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = v[i] >= threshold ? 1 : 0;
      }
      return out;
    }
    if (cols != k) {
      throw new IllegalArgumentException(
          what + " have " + cols + " columns but there are " + k + " classes " + classes);
    }
    long[] idx = a.argMax(1).toLongVector();
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = (int) idx[i];
    }
    return out;
  }

  /**
   * The core's tokens of one example's raw attribute values ({@link TableCoder#attributeToken}).
   */
  static String[] tokens(TableCoder coder, String[] raw, int row) {
    int m = coder.attributeCount();
    if (raw == null || raw.length != m) {
      throw new IllegalArgumentException(
          "example "
              + row
              + ": expected "
              + m
              + " attribute values "
              + coder.spec().attributes().stream().map(CsvTableSpec.AttributeSpec::name).toList()
              + ", got "
              + (raw == null ? "null" : Arrays.toString(raw)));
    }
    String[] tokens = new String[m];
    for (int a = 0; a < m; a++) {
      tokens[a] = coder.attributeToken(a, raw[a]);
    }
    return tokens;
  }

  /** Each example's attribute values, read from its metadata. */
  static List<String[]> values(
      Dl4jAttributeSource source, List<? extends Serializable> recordMetaData) {
    List<String[]> values = new ArrayList<>(recordMetaData.size());
    for (int i = 0; i < recordMetaData.size(); i++) {
      Serializable m = recordMetaData.get(i);
      if (m == null) {
        throw new IllegalArgumentException("example " + i + " of the batch has no metadata");
      }
      values.add(source.values(m));
    }
    return values;
  }

  /** Whether two specs have the same attributes, bins and missing-value policy. */
  static boolean sameAttributes(CsvTableSpec a, CsvTableSpec b) {
    if (a.attributes().size() != b.attributes().size() || a.missingPolicy() != b.missingPolicy()) {
      return false;
    }
    for (int i = 0; i < a.attributes().size(); i++) {
      CsvTableSpec.AttributeSpec x = a.attributes().get(i);
      CsvTableSpec.AttributeSpec y = b.attributes().get(i);
      if (!x.name().equals(y.name())
          || (x.binning() == null) != (y.binning() == null)
          || x.binning() != null
              && !Arrays.equals(x.binning().edgeValues(), y.binning().edgeValues())) {
        return false;
      }
    }
    return true;
  }

  /** Adds every batch of the iterator (reset first if it can be) to the evaluation. */
  static void feed(
      DataSetIterator iterator,
      java.util.function.Function<INDArray, INDArray> model,
      Dl4jFairnessEvaluation evaluation) {
    if (iterator.resetSupported()) {
      iterator.reset();
    }
    int batch = 0;
    while (iterator.hasNext()) {
      DataSet ds = iterator.next();
      List<Serializable> meta = ds.getExampleMetaData();
      if (meta == null || meta.isEmpty()) {
        throw new IllegalArgumentException(
            "batch "
                + batch
                + " has no example metadata: make the iterator collect it (e.g."
                + " RecordReaderDataSetIterator.setCollectMetaData(true))");
      }
      evaluation.eval(ds.getLabels(), model.apply(ds.getFeatures()), ds.getLabelsMaskArray(), meta);
      batch++;
    }
  }
}
