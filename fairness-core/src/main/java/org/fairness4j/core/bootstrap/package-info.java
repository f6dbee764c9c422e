/**
 * Bootstrap intervals for group metrics, disparities and fairness metrics, resampling the
 * confusion-count cells (a multinomial per replicate) instead of the rows, with score intervals
 * (Wilson, Newcombe, Katz) for rates and their differences, each interval naming its method, and
 * the share of undefined replicates and any warning reported with it.
 */
package org.fairness4j.core.bootstrap;
