/**
 * Eager training of vision transformers on ND4J's CPU backend: a forward pass on host arrays that
 * keeps the activations its hand-written backward pass needs, products through cblas, for LoRA and
 * full fine-tuning with the study's classification heads ({@link
 * org.fairness4j.models.train.EagerVitClassifier}). The SameDiff graph ({@link
 * org.fairness4j.models.adapt.EncoderClassifier}) remains the path of other backends.
 */
package org.fairness4j.models.train;
