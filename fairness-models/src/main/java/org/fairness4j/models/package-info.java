/**
 * Model adapters for fairness audits of CLIP-style foundation models. This module is a placeholder
 * in 0.1.0: the encoders, tokenizers, preprocessing and adaptation strategies arrive with their own
 * releases (see the project's CHANGELOG); it already depends on {@code fairness-core} only.
 */
package org.fairness4j.models;
