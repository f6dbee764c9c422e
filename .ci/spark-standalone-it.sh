#!/usr/bin/env bash
# Integration test: a real Spark standalone cluster (one master, two workers, each a separate JVM on
# 127.0.0.1, started from the Spark jars Maven fetched: no download, no Spark distribution) runs
# `bin/fairness metrics --engine spark --master spark://127.0.0.1:PORT`; its JSON must equal the
# local engine's byte for byte. Run from .ci/run after the build (needs fairness-spark/target/
# classpath-spark.txt, which bin/fairness's build writes). Exit 0 on success.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cp_file="$root/fairness-spark/target/classpath-spark.txt"
test -f "$cp_file" || { echo "spark-standalone-it: $cp_file is missing (build first)" >&2; exit 2; }
work="$(mktemp -d /tmp/fairness-spark-it.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2> /dev/null || true; done
}
trap cleanup EXIT
# Spark's launcher finds the executors' class path in $SPARK_HOME/jars: link the Maven jars there.
mkdir -p "$work/home/jars" "$work/logs"
tr ':' '\n' < "$cp_file" | while read -r j || [[ -n "$j" ]]; do ln -sf "$j" "$work/home/jars/"; done
export SPARK_HOME="$work/home" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
opens=()
for m in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
         java.util.concurrent java.util.concurrent.atomic sun.nio.ch sun.nio.cs \
         sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$m=ALL-UNNAMED")
done
port=$(( 17000 + RANDOM % 2000 ))
java -Xmx256m "${opens[@]}" -cp "$(cat "$cp_file")" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port 0 > "$work/logs/master.log" 2>&1 &
pids+=($!)
for w in 1 2; do
  java -Xmx256m "${opens[@]}" -cp "$(cat "$cp_file")" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory 768m --webui-port 0 --work-dir "$work/worker$w" \
    "spark://127.0.0.1:$port" > "$work/logs/worker$w.log" 2>&1 &
  pids+=($!)
done
# Wait (up to 60 s) until both workers report to the master.
for _ in $(seq 1 60); do
  n=$(cat "$work"/logs/worker*.log | grep -c "Successfully registered with master" || true)
  [[ "$n" -ge 2 ]] && break
  sleep 1
done
if [[ "$n" -lt 2 ]]; then
  echo "spark-standalone-it: workers did not register; logs in $work/logs" >&2
  tail -n 20 "$work"/logs/*.log >&2
  exit 1
fi
args=(--input fairness-core/src/test/resources/golden/bin_10k.csv --y-true y_true --y-pred y_pred
  --score score --positive 1 --sensitive sex --sensitive age:bins=0,20,40,60,80 --sensitive site
  --intersect sex,age)
bin/fairness metrics "${args[@]}" > "$work/local.json"
JAVA_OPTS="-Dspark.executor.memory=512m -Dspark.cores.max=2" \
  bin/fairness metrics --engine spark --master "spark://127.0.0.1:$port" "${args[@]}" \
  > "$work/cluster.json" 2> "$work/logs/driver.log" || {
  echo "spark-standalone-it: the cluster job failed; logs in $work/logs" >&2
  tail -n 30 "$work/logs/driver.log" >&2
  exit 1
}
cmp "$work/local.json" "$work/cluster.json"
# The job really ran on the workers' executors (one per worker).
executors=$(ls "$work"/worker*/app-*/*/stderr 2> /dev/null | wc -l)
if [[ "$executors" -lt 2 ]]; then
  echo "spark-standalone-it: expected executors on both workers, found $executors" >&2
  exit 1
fi
echo "spark standalone cluster (master + 2 workers): identical report, $executors executors"
rm -rf "$work"
