#!/usr/bin/env bash
# One training step (forward, backward, AdamW) of LoRA (authors' preset) and full fine-tuning of a
# ViT-B/16 CLIP vision tower with a linear head, Fairness4J's eager trainer (JMH
# TrainingStepBenchmark, trainer=eager) against PyTorch (tools/bench_training_step.py, 2 threads)
# on the same machine, interleaved so that both see the same load: ROUNDS rounds of, for each
# batch size and strategy, [PyTorch, Fairness4J]. Compare within a round and take medians over
# rounds; each line also gives the process's peak resident memory. Numbers go to
# docs/performance.md.
#
#   python tools/make_clip_fixture.py --shape b16 --out /tmp/clip-b16   # random ViT-B/16 weights
#   mvn -B -Pbench -DskipTests package -pl fairness-benchmarks -am
#   PYTHON=/work/pyenv/bin/python tools/bench_training_step.sh /tmp/clip-b16 [ROUNDS] [BATCHES]
# (STRATEGIES="lora" or "full" limits a run to one strategy. BASELINE_JAR=path/to/benchmarks.jar,
# built from an earlier commit, adds that build's step to each round, after Fairness4J's, so that a
# change is measured before/after under the same load. Each line also gives the process's CPU time,
# user + system, loading and warm-up included, from /usr/bin/time: steadier than wall time when the
# machine is shared. BASELINE_ARGS adds JVM flags to the baseline's fork, e.g. BASELINE_JAR set to
# the same jar with BASELINE_ARGS=-Dfairness4j.train.parallelHeads=false measures one switch. JMH's
# lock is ignored: on a shared machine another engineer's benchmark may hold it.)
set -euo pipefail
dir="$1"
rounds="${2:-3}"
batches="${3:-4,16}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/fairness-benchmarks/target/benchmarks.jar"
logs="${LOGS:-$(mktemp -d)}"
jmh() { # strategy batch round [jar label]
  local raw="$logs/jmh-$1-b$2-r$3${5:+-$5}.txt"
  cpu "$raw.time" java -Djmh.ignoreLock=true -jar "${4:-$jar}" TrainingStepBenchmark -f 1 -wi 1 \
    -i 3 -p strategy="$1" -p batch="$2" -p trainer=eager \
    -jvmArgsAppend "-Dfairness4j.clip.dir=$dir${5:+ ${BASELINE_ARGS:-}}" > "$raw" 2>&1 || true
  awk -v label="${5:-fairness4j} $1 b$2" '
    /PEAK/ {for (i = 1; i <= NF; i++) {if ($i == "VmHWM:") peak = $(i + 1) " " $(i + 2);
                                       if ($i == "activations_MB") act = $(i + 1)}}
    /^TrainingStepBenchmark.step/ {for (i = 1; i <= NF; i++) if ($i == "±") ms = $(i - 1)}
    /^Iteration/ && $3 ~ /^[0-9.]+$/ {its = its " " $3}
    /^[0-9.]+ ms\/op$/ && prev ~ /^Iteration/ {its = its " " $1} # printed after the PEAK line
    {prev = $0}
    END {printf "%s: %s ms/step (mean of 3 after 1 warm-up:%s); peak RSS %s, activations %s MB",
         label, ms, its, peak, act}' "$raw"
  echo "; CPU $(cat "$raw.time")"
}
cpu() { # file command...: runs the command, writing its user + system seconds to file
  local out="$1"
  shift
  /usr/bin/time -f '%U+%S s' -o "$out" "$@"
}
echo "raw JMH output in $logs"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= rounds; r++)); do
  for b in ${batches//,/ }; do
    for s in ${STRATEGIES:-lora full}; do
      printf 'round %d torch %s b%s: ' "$r" "$s" "$b"
      cpu "$logs/torch-$s-b$b-r$r.time" "${PYTHON:-python3}" "$root/tools/bench_training_step.py" \
        --clip "$dir" --threads 2 --batch "$b" --strategies "$s" --warmup 1 --steps 3 2>/dev/null |
        grep ms/step | tr -d '\n'
      echo "; CPU $(cat "$logs/torch-$s-b$b-r$r.time")"
      printf 'round %d ' "$r"
      jmh "$s" "$b" "$r"
      if [[ -n "${BASELINE_JAR:-}" ]]; then
        printf 'round %d ' "$r"
        jmh "$s" "$b" "$r" "$BASELINE_JAR" baseline
      fi
    done
  done
  echo "load after round $r: $(cut -d' ' -f1-3 /proc/loadavg)"
done
