package org.fairness4j.models.dl4j;

import java.io.Serializable;

/**
 * Gives the sensitive-attribute values of one example from the metadata DL4J carries with it (for
 * example a DataVec {@code RecordMetaData} when the iterator collects metadata, or any object the
 * user's iterator attaches with {@code DataSet.setExampleMetaData}).
 */
@FunctionalInterface
public interface Dl4jAttributeSource extends Serializable {
  /**
   * Returns the example's values, one per declared attribute in declaration order; null or a
   * missing token ({@code ""}, {@code NA}, ...) for a missing value.
   *
   * @param exampleMetaData the example's metadata, never null
   * @return the values
   */
  String[] values(Serializable exampleMetaData);
}
