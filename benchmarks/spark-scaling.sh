#!/usr/bin/env bash
# Runs SparkScaling (jgrad-spark against one process, and the 8-64 worker estimate) on MNIST.
# Usage: benchmarks/spark-scaling.sh [MNIST_DIR] [EPOCHS]; extra Maven options in MVN_OPTS_EXTRA
# (for example -o -Dmaven.repo.local=...). Builds the modules it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-data/mnist}"
epochs="${2:-3}"
# shellcheck disable=SC2086
./mvnw -B -ntp -q ${MVN_OPTS_EXTRA:-} install -pl benchmarks -am -DskipTests \
  -Dspotless.check.skip=true -Dmaven.javadoc.skip=true -Dmaven.source.skip=true
cp_file="benchmarks/target/spark-scaling.classpath"
# shellcheck disable=SC2086
./mvnw -B -ntp -q ${MVN_OPTS_EXTRA:-} dependency:build-classpath -pl benchmarks \
  -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=provided
# The options spark-submit adds on Java 17 (Spark's JavaModuleOptions).
opens=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
# Local mode on loopback only.
export SPARK_LOCAL_IP=127.0.0.1
exec java "${opens[@]}" -Xmx8g \
  -cp "benchmarks/target/spark-classes:benchmarks/target/classes:$(cat "$cp_file")" \
  dev.jgrad.bench.SparkScaling "$data" "$epochs"
