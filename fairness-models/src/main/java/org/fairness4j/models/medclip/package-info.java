/**
 * MedCLIP (ResNet-50 and ViT/Swin-Tiny variants) from the export of {@code tools/export_medclip.py}
 * ({@link org.fairness4j.models.medclip.MedClipCheckpoint}).
 */
package org.fairness4j.models.medclip;
