/**
 * The embedded demo: a seeded synthetic data set in the NIH ChestX-ray14 file format with
 * group-dependent difficulty built in, and the contrastive pretraining of its small CLIP ({@link
 * org.fairness4j.examples.demo.DemoBuilder}). The data are synthetic and say nothing about real
 * patients.
 */
package org.fairness4j.examples.demo;
