#!/usr/bin/env bash
# What two cores can give one workload on this machine: the workload (lenet5 unless WORKLOAD says
# otherwise) trained by one process with one kernel thread, by two such processes at once, and by one
# process with two kernel threads. Two independent processes share nothing and never wait for each
# other, so their combined throughput is the ceiling for one process's two threads.
# Prints, per round: alone_s, concurrent_s (the slower of the two), the two processes' combined speed-up
# 2 * alone_s / concurrent_s, two_threads_s, and one process's two-thread speed-up alone_s / two_threads_s.
# epoch times are SeedWorkload's epoch_s (median of epochs 2..E of the train loop).
# Knobs: EPOCHS (3), ROUNDS (2), WORKLOAD (lenet5), DATA (data/mnist), JAVA (java), SKIP_BUILD=1 to reuse
# benchmarks/target/benchmarks.jar.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DATA="${DATA:-$ROOT/data/mnist}"
EPOCHS="${EPOCHS:-3}"
ROUNDS="${ROUNDS:-2}"
WORKLOAD="${WORKLOAD:-lenet5}"
JAVA="${JAVA:-java}"
case "$WORKLOAD" in
  seed000 | seed001 | lenet5) ;;
  *) echo "two-cores.sh: WORKLOAD: unknown workload '$WORKLOAD'; expected seed000, seed001 or lenet5" >&2; exit 2 ;;
esac
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    package -pl benchmarks -am >/dev/null) || { echo "build of jgrad failed" >&2; exit 1; }
fi
JAR="$ROOT/benchmarks/target/benchmarks.jar"
epoch() {
  "$JAVA" -XX:+UseSerialGC -Xmx256m --add-modules jdk.incubator.vector -Djgrad.threads="$1" \
    -cp "$JAR" dev.jgrad.bench.SeedWorkload "$DATA" "$WORKLOAD" "$EPOCHS" 2>/dev/null \
    | sed -n 's/^peer=.* epoch_s=\([0-9.]*\) .*/\1/p'
}
for ((r = 1; r <= ROUNDS; r++)); do
  alone="$(epoch 1)"
  tmp="$(mktemp)"
  epoch 1 >"$tmp" &
  other="$(epoch 1)"
  wait
  concurrent="$(sort -g "$tmp" <(echo "$other") | tail -1)"
  rm -f "$tmp"
  two="$(epoch 2)"
  awk -v w="$WORKLOAD" -v r="$r" -v a="$alone" -v c="$concurrent" -v t="$two" 'BEGIN {
    printf "workload=%s round=%d alone_s=%.3f concurrent_s=%.3f two_processes_speedup=%.2f two_threads_s=%.3f two_threads_speedup=%.2f\n",
      w, r, a, c, 2 * a / c, t, a / t }'
done
