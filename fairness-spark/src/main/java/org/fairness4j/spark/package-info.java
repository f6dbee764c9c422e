/**
 * Fairness reports of Apache Spark datasets, computed from per-partition counts merged by Spark:
 * {@link org.fairness4j.spark.SparkFairnessEvaluator}.
 */
package org.fairness4j.spark;
