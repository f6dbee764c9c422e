/**
 * Groups: feature sets (intersections of sensitive attributes), group keys printed as levels joined
 * by {@code |}, and the row-to-group index.
 */
package org.fairness4j.core.group;
