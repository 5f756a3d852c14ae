#!/bin/sh
# check_wiring_typo.sh <tradexr> <package> <assets/models> <scratch>: copies the package with one
# terminal mistyped (Q1:L -> Q9:L on the isolator's line_out) and runs `tradexr check` on it,
# which must fail (exit 1) and name both dangling ends at file:line:column.
set -u
tradexr=$1 package=$2 models=$3 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch/assets" "$scratch/pkg" || exit 2
cp -r "$models" "$scratch/assets/" && cp -r "$package/." "$scratch/pkg/" || exit 2
sed -i 's/line_out: "Q1:L"/line_out: "Q9:L"/' "$scratch/pkg/scenario.yaml" || exit 2
"$tradexr" check "$scratch/pkg"
status=$?
echo "exit status $status"
