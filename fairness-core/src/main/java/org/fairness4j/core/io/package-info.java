/**
 * Report output: JSON (the golden-file shape), long CSV and Markdown, written atomically so an
 * interrupted run never leaves a broken file.
 */
package org.fairness4j.core.io;
