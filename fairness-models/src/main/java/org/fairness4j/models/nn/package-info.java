/**
 * Internal building blocks shared by the model loaders: weight lookup with shape checks and
 * transformer ops in SameDiff. Not a stable API.
 */
package org.fairness4j.models.nn;
