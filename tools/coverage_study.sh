#!/usr/bin/env bash
# Coverage study of the intervals that `metrics --bootstrap` reports (docs/statistics.md):
#   tools/coverage_study.sh [TABLES [RESAMPLES [SEED [extended|fresh|smallcounts|clustered|scores|weighted|multiclass|multiclass-scores]]]]   (default 200 1000 1)
# `scores`, `weighted`, `multiclass` and `multiclass-scores` run scored, weighted, three-class and scored three-class tables (CoverageDesigns).
# `extended`, `fresh` and `smallcounts` run settings the study was not tuned on (CoverageSettings.extendedSettings,
# CoverageSettings.freshSettings, CoverageSettings.smallCountSettings; `clustered` gathers their clustered
# settings with copying 0.2-0.5, CoverageSettings.clusteredSettings).
# Prints Markdown tables: per setting, statistic and interval kind, the coverage at 95 % nominal
# ± its binomial standard error. Takes about 10 minutes on two cores with the defaults.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
# One reactor build, so fairness-core resolves to its target/classes (no install needed).
mvn -q -B -DskipTests -Dspotless.check.skip=true -Dmdep.outputFile="$cp_file" ${FAIRNESS_MAVEN_ARGS:-} \
  compile dependency:build-classpath -pl fairness-benchmarks -am >&2
exec java ${JAVA_OPTS:-} -cp "fairness-benchmarks/target/classes:$(cat "$cp_file")" \
  org.fairness4j.benchmarks.CoverageStudy "$@"
