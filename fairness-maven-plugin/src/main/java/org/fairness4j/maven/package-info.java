/** The {@code fairness:check} Maven goal: {@link org.fairness4j.maven.FairnessCheckMojo}. */
package org.fairness4j.maven;
