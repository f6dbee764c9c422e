/**
 * Model adapters for fairness audits of CLIP-style foundation models: the {@link
 * org.fairness4j.models.ImageEncoder} and {@link org.fairness4j.models.TextEncoder} interfaces that
 * every architecture implements, with implementations in the sub-packages.
 */
package org.fairness4j.models;
