/**
 * DeepLearning4J/ND4J adapters: {@link org.fairness4j.models.dl4j.Dl4jFairnessEvaluation} is an
 * ND4J {@code IEvaluation} that builds group statistics batch by batch from network outputs and
 * {@code DataSetIterator}s, mergeable across workers.
 */
package org.fairness4j.models.dl4j;
