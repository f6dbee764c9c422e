/**
 * Random number generators that reproduce other libraries draw for draw, so that a protocol written
 * with them (e.g. a data split made with NumPy, pandas or scikit-learn) can be repeated exactly in
 * Java.
 */
package org.fairness4j.core.random;
