/** Tokenizers equal to Hugging Face's: CLIP's byte-level BPE. */
package org.fairness4j.models.text;
