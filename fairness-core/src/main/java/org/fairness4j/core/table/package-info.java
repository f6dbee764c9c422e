/**
 * Prediction tables: columnar, immutable classifier outputs with class labels, optional scores and
 * weights, and sensitive attributes (categorical or binned numeric, with an explicit missing-value
 * policy); read from CSV by {@link org.fairness4j.core.table.csv.PredictionTableCsv}.
 */
package org.fairness4j.core.table;
