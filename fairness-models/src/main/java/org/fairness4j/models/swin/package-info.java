/**
 * The Swin Transformer image encoder (Hugging Face {@code SwinModel} layout) as a native SameDiff
 * graph ({@link org.fairness4j.models.swin.SwinImageEncoder}); MedCLIP-ViT's image tower.
 */
package org.fairness4j.models.swin;
