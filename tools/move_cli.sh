#!/usr/bin/env bash
# Issue 19 item 4: moves the general command line out of fairness-examples into fairness-cli.
#   org.fairness4j.examples.cli.X -> org.fairness4j.cli.X   (every class but the examples' commands)
#   org.fairness4j.examples.nih.X -> org.fairness4j.cli.nih.X
# with `git mv` (so history follows) and rewrites only package and import lines (and fully
# qualified names) in every Java file of the repository. Re-runnable: a file already moved is
# skipped, and a file someone added meanwhile under an old path is moved too (the lists are the old
# directories' contents, minus the classes that stay). Run from the repository root:
#   tools/move_cli.sh            (moves and rewrites)
#   tools/move_cli.sh --list     (prints "old -> new" for what it would move, moves nothing)
# The classes that stay in fairness-examples (org.fairness4j.examples.cli) are the examples'
# subcommands; their tests that need them stay too.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
list_only=0
[[ "${1:-}" == "--list" ]] && list_only=1

ex=fairness-examples/src
cl=fairness-cli/src
# Stay in fairness-examples, package org.fairness4j.examples.cli:
stay_main="StudyCommand.java DemoBuildCommand.java TribuoExampleCommand.java ExampleSubcommands.java package-info.java"
stay_test="CarelessUserVariantsTest.java ExampleSubcommandsTest.java"

moves=()
add() { [[ -e "$1" ]] && moves+=("$1|$2") || true; }
for f in "$ex"/main/java/org/fairness4j/examples/cli/*.java; do
  b=$(basename "$f")
  [[ " $stay_main " == *" $b "* ]] && continue
  add "$f" "$cl/main/java/org/fairness4j/cli/$b"
done
for f in "$ex"/main/java/org/fairness4j/examples/nih/*.java; do
  add "$f" "$cl/main/java/org/fairness4j/cli/nih/$(basename "$f")"
done
add "$ex/main/resources/simplelogger.properties" "$cl/main/resources/simplelogger.properties"
for f in "$ex"/test/java/org/fairness4j/examples/cli/*.java; do
  b=$(basename "$f")
  [[ " $stay_test " == *" $b "* ]] && continue
  add "$f" "$cl/test/java/org/fairness4j/cli/$b"
done
for f in "$ex"/test/java/org/fairness4j/examples/nih/*.java; do
  add "$f" "$cl/test/java/org/fairness4j/cli/nih/$(basename "$f")"
done
# Test data of the moved tests (files, so that files added meanwhile follow).
while IFS= read -r f; do
  add "$f" "$cl/test/resources/${f#"$ex"/test/resources/}"
done < <(find "$ex/test/resources/nih" "$ex/test/resources/policy-all-kinds" -type f 2>/dev/null | sort)

# package-info.java of examples.cli moves (the new module's package), unless the examples kept one.
if [[ -e "$ex/main/java/org/fairness4j/examples/cli/package-info.java" \
      && ! -e "$cl/main/java/org/fairness4j/cli/package-info.java" ]]; then
  moves+=("$ex/main/java/org/fairness4j/examples/cli/package-info.java|$cl/main/java/org/fairness4j/cli/package-info.java")
fi

for m in "${moves[@]+"${moves[@]}"}"; do
  old=${m%%|*}
  new=${m#*|}
  echo "$old -> $new"
  if [[ $list_only == 0 ]]; then
    mkdir -p "$(dirname "$new")"
    git mv "$old" "$new"
  fi
done
[[ $list_only == 1 ]] && exit 0

# Package and import lines, and fully qualified names, in every tracked Java file.
stay_types="StudyCommand|DemoBuildCommand|TribuoExampleCommand|ExampleSubcommands|CarelessUserVariantsTest|ExampleSubcommandsTest"
git ls-files '*.java' | while IFS= read -r f; do
  case "$f" in
    "$cl"/*/org/fairness4j/cli/nih/*) sed -i 's/^package org\.fairness4j\.examples\.nih;/package org.fairness4j.cli.nih;/' "$f" ;;
    "$cl"/*/org/fairness4j/cli/*) sed -i 's/^package org\.fairness4j\.examples\.cli;/package org.fairness4j.cli;/' "$f" ;;
  esac
  sed -i -E \
    -e 's/\borg\.fairness4j\.examples\.nih\b/org.fairness4j.cli.nih/g' \
    -e "/\borg\.fairness4j\.examples\.cli\.($stay_types)\b/!s/\borg\.fairness4j\.examples\.cli\.([A-Z][A-Za-z0-9_]*)/org.fairness4j.cli.\1/g" \
    "$f"
done
echo "moved ${#moves[@]} files; now add imports of org.fairness4j.cli types to the classes that stayed"
