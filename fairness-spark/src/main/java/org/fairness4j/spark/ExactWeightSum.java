package org.fairness4j.spark;

import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;
import org.fairness4j.core.stats.ExactSum;

/**
 * Spark's exact sum of the weights of a joint cell: each partition keeps an {@link ExactSum}, Spark
 * merges them in whatever order its shuffle gives, and the result ({@link ExactSum#toBytes}) is the
 * same exact value, so the driver rounds the same double as the in-memory table.
 */
final class ExactWeightSum extends Aggregator<Double, ExactSum, byte[]> {
  private static final long serialVersionUID = 1L;

  @Override
  public ExactSum zero() {
    return new ExactSum();
  }

  @Override
  public ExactSum reduce(ExactSum buffer, Double weight) {
    return buffer.add(weight);
  }

  @Override
  public ExactSum merge(ExactSum a, ExactSum b) {
    return a.add(b);
  }

  @Override
  public byte[] finish(ExactSum reduction) {
    return reduction.toBytes();
  }

  @Override
  public Encoder<ExactSum> bufferEncoder() {
    return Encoders.javaSerialization(ExactSum.class);
  }

  @Override
  public Encoder<byte[]> outputEncoder() {
    return Encoders.BINARY();
  }
}
