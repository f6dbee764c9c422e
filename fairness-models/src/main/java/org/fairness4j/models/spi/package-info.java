/**
 * The service-provider interface for model families: {@link
 * org.fairness4j.models.spi.VisionLanguageFamily} (what a checkpoint format reads, loads and can
 * adapt) and {@link org.fairness4j.models.spi.VisionLanguageFamilies}, which finds the families on
 * the class path with {@link java.util.ServiceLoader} and picks the one that reads a directory.
 * docs/models.md, "Adding a model family", shows how to register one.
 */
package org.fairness4j.models.spi;
