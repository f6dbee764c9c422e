/**
 * The study runner: every model × strategy on the NIH protocol, with the paper's tables, prediction
 * tables and fairness reports ({@link org.fairness4j.examples.study.StudyRunner}).
 */
package org.fairness4j.examples.study;
