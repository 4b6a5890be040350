#!/usr/bin/env bash
# Runs jgrad's workloads (the seed MLPs, and the LeNet-5 CNN when asked for) and the peers of
# ../shared/peers/run.sh in one go, with the same definitions: epoch_s = median of epochs 2..E of the train loop (batch gather included, loading and
# evaluation excluded), acc = test accuracy after the last epoch, rss_mb = peak RSS (/usr/bin/time -v).
# Prints one line per run:
#   peer=P workload=W epoch_s=S acc=A threads=N rss_mb=M epochs_s=a,b,c
# (jgrad's lines add weights=<CRC-32 of the trained weights>: equal for every thread count)
# Knobs: EPOCHS (3), DATA (data/mnist), WORKLOADS ("seed000 seed001"; any of seed000 seed001 lenet5,
#   passed to run.sh too), JGRAD_THREADS ("1 2"), JGRAD_JAVA_OPTS (JVM options of the
#   jgrad runs, default "-XX:+UseSerialGC -Xmx256m": one GC thread and a bounded heap keep the peak RSS
#   low at no cost in speed), PEERS and MODES (passed to run.sh;
#   PEERS="" skips the peers), PEERS_DIR (../shared/peers), WORK (/tmp/jgrad-peers), JAVA (java).
# Builds the benchmarks jar first unless SKIP_BUILD=1. Needs /usr/bin/time (Debian package `time`).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DATA="${DATA:-$ROOT/data/mnist}"
EPOCHS="${EPOCHS:-3}"
JAVA="${JAVA:-java}"
WORK="${WORK:-/tmp/jgrad-peers}"
PEERS_DIR="${PEERS_DIR:-$ROOT/../shared/peers}"
JGRAD_THREADS="${JGRAD_THREADS:-1 2}"
WORKLOADS="${WORKLOADS:-seed000 seed001}"
for w in $WORKLOADS; do
  case "$w" in
    seed000 | seed001 | lenet5) ;;
    *) echo "peers.sh: WORKLOADS: unknown workload '$w'; expected seed000, seed001 or lenet5" >&2; exit 2 ;;
  esac
done
read -r -a JOPTS <<<"${JGRAD_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m}"
LOGS="$WORK/logs"
mkdir -p "$LOGS"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    package -pl benchmarks -am >"$LOGS/build-jgrad.log" 2>&1) \
    || { echo "build of jgrad failed, see $LOGS/build-jgrad.log" >&2; exit 1; }
fi
JAR="$ROOT/benchmarks/target/benchmarks.jar"

for threads in $JGRAD_THREADS; do
  for w in $WORKLOADS; do
    tag="jgrad-$w-threads$threads"
    /usr/bin/time -v -o "$LOGS/$tag.time" \
      "$JAVA" "${JOPTS[@]}" --add-modules jdk.incubator.vector -Djgrad.threads="$threads" \
      -cp "$JAR" dev.jgrad.bench.SeedWorkload "$DATA" "$w" "$EPOCHS" >"$LOGS/$tag.log" 2>&1 || true
    line="$(grep -E '^peer=' "$LOGS/$tag.log" | tail -1 || true)"
    if [[ -z "$line" ]]; then
      echo "peer=jgrad workload=$w FAILED (see $LOGS/$tag.log)"
      continue
    fi
    rss="$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2/1024}' "$LOGS/$tag.time")"
    eps="$(awk '/^epoch / {printf "%s%s", sep, $4; sep=","}' "$LOGS/$tag.log")"
    echo "$line rss_mb=$rss epochs_s=$eps"
  done
done

if [[ -n "${PEERS-djl-pytorch dl4j ejml numpy torch}" ]]; then
  DATA="$DATA" EPOCHS="$EPOCHS" WORK="$WORK" JAVA="$JAVA" WORKLOADS="$WORKLOADS" \
    bash "$PEERS_DIR/run.sh"
fi
