/** JUnit 5 assertions over fairness policies: {@link org.fairness4j.junit.FairnessAssertions}. */
package org.fairness4j.junit;
