/**
 * Batch encoding: an on-disk embedding cache keyed by model, preprocessing and content, streaming
 * atomic {@code .npy} output, progress callbacks.
 */
package org.fairness4j.models.embed;
