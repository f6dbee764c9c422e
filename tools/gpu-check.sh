#!/usr/bin/env bash
# Runs the CLIP parity tests, the training path and the image-encoding benchmark on the CUDA
# backend (ND4J CUDA 11.6). Training: one LoRA and one full fine-tuning step of the SameDiff graph
# (what CUDA runs) against the PyTorch fixtures, and against the eager CPU trainer's gradients,
# which a CPU run writes first (TrainingPathsAgreeTest).
# For a machine with an NVIDIA GPU; not yet run by the project (no GPU was lent so far).
# Usage: tools/gpu-check.sh [MODEL_DIR]   (MODEL_DIR: e.g. /tmp/clip-b16 from tools/make_clip_fixture.py)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
nvidia-smi || { echo "gpu-check: no NVIDIA GPU visible" >&2; exit 2; }
mvn -B -Dcuda -Dspotless.check.skip=true test -pl fairness-models -am -Dtest='ClipParityTest,ClipInferenceFormsTest,ZeroShotClassifierTest' -Dsurefire.failIfNoSpecifiedTests=false
reference="$(mktemp -d)/eager-grads.safetensors"
mvn -B -Dspotless.check.skip=true test -pl fairness-models -am -Dtest='TrainingPathsAgreeTest' -Dsurefire.failIfNoSpecifiedTests=false "-DargLine=-Dfairness4j.training.reference=$reference"
test -s "$reference" || { echo "gpu-check: the CPU run wrote no eager gradients" >&2; exit 1; }
mvn -B -Dcuda -Dspotless.check.skip=true test -pl fairness-models -am -Dtest='TrainingPathsAgreeTest,EncoderClassifierParityTest' -Dsurefire.failIfNoSpecifiedTests=false "-DargLine=-Dfairness4j.training.reference=$reference"
if [[ $# -ge 1 ]]; then
  FAIRNESS4J_CLIP_B16="$1" mvn -B -Dcuda -Pslow -Dspotless.check.skip=true test -pl fairness-models -am
  mvn -B -Dcuda -Pbench -DskipTests -Dspotless.check.skip=true package -pl fairness-benchmarks -am
  java -jar fairness-benchmarks/target/benchmarks.jar ClipImageBenchmark -jvmArgsAppend "-Dfairness4j.clip.dir=$1"
fi
