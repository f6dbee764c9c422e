/**
 * Bootstrap intervals for group metrics, disparities and fairness metrics, resampling the
 * confusion-count cells (a multinomial per replicate) instead of the rows.
 */
package org.fairness4j.core.bootstrap;
