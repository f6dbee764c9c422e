/** BERT text encoders (PubMedBERT, BioClinicalBERT) as native SameDiff graphs. */
package org.fairness4j.models.bert;
