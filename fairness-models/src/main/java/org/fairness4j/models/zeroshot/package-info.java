/** Zero-shot classification with CLIP-style encoders, producing prediction tables for the core. */
package org.fairness4j.models.zeroshot;
