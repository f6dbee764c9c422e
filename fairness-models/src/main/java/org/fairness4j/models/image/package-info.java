/** Image reading and preprocessing equal to the reference (Pillow-based) pipelines. */
package org.fairness4j.models.image;
