/** Weight files: a safetensors reader (F32, F16, BF16) with errors that name file and tensor. */
package org.fairness4j.models.weights;
