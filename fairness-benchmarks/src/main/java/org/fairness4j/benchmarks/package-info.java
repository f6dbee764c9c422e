/** JMH benchmarks of fairness-core; commands and results in docs/performance.md. */
package org.fairness4j.benchmarks;
