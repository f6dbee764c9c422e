/**
 * open_clip models with a timm ViT image tower and a Hugging Face BERT text tower (BiomedCLIP), as
 * native SameDiff graphs with the weights of an export by {@code tools/export_open_clip.py} ({@link
 * org.fairness4j.models.openclip.OpenClipCheckpoint}).
 */
package org.fairness4j.models.openclip;
