#!/usr/bin/env bash
# Regenerates docs/images/demo-report.png: the HTML report of the embedded demo (binary view of
# class 4 = Effusion, 1000 bootstrap resamples, seed 1) rendered by headless Chromium.
#   tools/screenshot_report.sh            (needs bin/fairness's build and Debian's chromium)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d)"
"$root/bin/fairness" metrics --input "$root/examples/demo/nih_6x200_synthetic_test.csv" \
  --y-true y_true --y-pred y_pred --score score_0,score_1,score_2,score_3,score_4,score_5 \
  --sensitive sex --sensitive age:bins=0,60 --intersect sex,age --positive 4 \
  --bootstrap 1000 --seed 1 --report "$out/report.html" --out "$out/report.json"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2000 \
  --screenshot="$root/docs/images/demo-report.png" "file://$out/report.html" 2> /dev/null
echo "wrote docs/images/demo-report.png (report: $out/report.html)"
