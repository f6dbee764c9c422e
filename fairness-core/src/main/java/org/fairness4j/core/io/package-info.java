/**
 * File output shared by the modules: {@link org.fairness4j.core.io.AtomicFiles} writes a file
 * through a temporary sibling and an atomic move, so a reader never sees a half-written file and a
 * command never modifies a file it reads. The report writers are in {@link
 * org.fairness4j.core.report.format}.
 */
package org.fairness4j.core.io;
