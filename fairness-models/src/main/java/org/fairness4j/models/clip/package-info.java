/**
 * CLIP (ViT image tower and causal text transformer) as native SameDiff graphs, with weights from
 * Hugging Face {@code CLIPModel} directories; checked against PyTorch on the same weights.
 */
package org.fairness4j.models.clip;
