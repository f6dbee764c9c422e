/**
 * GLoRIA's global image and sentence embeddings from the export of {@code tools/export_gloria.py}
 * ({@link org.fairness4j.models.gloria.GloriaCheckpoint}).
 */
package org.fairness4j.models.gloria;
