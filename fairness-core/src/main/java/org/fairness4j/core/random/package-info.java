/**
 * Random number generators that reproduce other libraries' draws exactly, so that a protocol
 * written with them (e.g. a data split made with NumPy, pandas or scikit-learn) can be repeated in
 * Java: {@link org.fairness4j.core.random.NumpyRandomState} (NumPy's legacy {@code RandomState}),
 * and {@link org.fairness4j.core.random.SplitMix64} (the JDK's {@code SplittableRandom} sequence),
 * the project's one seeding utility for its own designs and for the seeds of independent streams.
 */
package org.fairness4j.core.random;
