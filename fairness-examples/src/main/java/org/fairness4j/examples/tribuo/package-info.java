/** Example programs using Fairness4J from Tribuo. */
package org.fairness4j.examples.tribuo;
