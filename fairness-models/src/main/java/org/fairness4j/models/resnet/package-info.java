/** ResNet image encoders (torchvision layout) as native SameDiff graphs. */
package org.fairness4j.models.resnet;
