#!/usr/bin/env bash
# ViT-B/16 image encoding, Fairness4J (JMH ClipImageBenchmark) against PyTorch on the same machine,
# interleaved so that both see the same load: ROUNDS rounds of [PyTorch, Fairness4J with the native
# code Nd4jBackendSetup picks (eager inference)], and in the first round also Fairness4J running its
# SameDiff graph (-Dfairness4j.inference=graph) and with -Dfairness4j.natives=plain.
# This machine's speed drifts by +-30 % within minutes: compare within a round, and take medians
# over rounds. Numbers go to docs/performance.md.
#
#   python tools/make_clip_fixture.py --shape b16 --out /tmp/clip-b16   # random ViT-B/16 weights
#   mvn -B -Pbench -DskipTests package -pl fairness-benchmarks -am
#   PYTHON=/tmp/pyenv/bin/python tools/bench_image_encoding.sh /tmp/clip-b16 [ROUNDS]
set -euo pipefail
dir="$1"
rounds="${2:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/fairness-benchmarks/target/benchmarks.jar"
flags=$(grep -m1 '^flags' /proc/cpuinfo || true)
if [[ " $flags " == *" avx512f "* ]]; then export OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-SkylakeX}"; fi
jmh() {
  java -jar "$jar" ClipImageBenchmark -f 1 -wi 3 -w 3 -i 3 -r 4 -p batch=1,16 \
    -jvmArgsAppend "-Dfairness4j.clip.dir=$dir $1" 2>/dev/null |
    awk -v label="$2" '/^ClipImageBenchmark.encode/ {printf "%s b%s %.0f ", label, $2, $5} END {print ""}'
}
for ((r = 1; r <= rounds; r++)); do
  "${PYTHON:-python3}" "$root/tools/bench_torch_image.py" "$dir"
  jmh "" "fairness4j"
  if ((r == 1)); then
    jmh "-Dfairness4j.inference=graph" "fairness4j-graph"
    jmh "-Dfairness4j.natives=plain" "fairness4j-plain"
  fi
done
