/** ROC curves, equity-scaled AUC and decision thresholds fitted on a validation split. */
package org.fairness4j.core.roc;
