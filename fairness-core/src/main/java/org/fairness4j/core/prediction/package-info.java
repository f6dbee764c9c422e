/**
 * What a classifier predicted, row by row: {@link org.fairness4j.core.prediction.ProbabilityTable}
 * (row ids, true classes, class probabilities, logits, extra columns such as sensitive attributes),
 * its one CSV codec {@link org.fairness4j.core.prediction.ProbabilityTableCsv}, and the one argmax
 * rule that turns it into the {@link org.fairness4j.core.table.PredictionTable} the metrics read.
 * Plain Java: the model modules fill it, the CLI and the study write and read it.
 */
package org.fairness4j.core.prediction;
