#!/usr/bin/env bash
# Checks that aelab-core works as an ordinary Maven dependency: installs the modules (jar, sources and Javadoc jars)
# into the local repository, then builds and runs, in a temporary directory, a separate Maven project that depends
# on aelab:aelab-core and nothing else. Its main class computes a closed-form KL divergence and compares it with a
# Monte Carlo estimate (the README's example) and PCA two ways on an EJML matrix, so a broken jar, a missing transitive dependency or a wrong
# coordinate fails here. Ends with "consumer: N passed, M failed".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION=0.1.0
tmp="$(mktemp -d "${TMPDIR:-/tmp}/aelab-consumer.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mvn_q() { mvn -B -q -Dstyle.color=never "$@"; }

(cd "$ROOT" && mvn_q -DskipTests install) >&2
repo="${AELAB_M2_REPOSITORY:-$HOME/.m2/repository}"
passed=0 failed=0
check() { # check DESCRIPTION COMMAND...
  if "${@:2}"; then passed=$((passed + 1)); echo "ok: $1" >&2; else failed=$((failed + 1)); echo "FAILED: $1" >&2; fi
}
for m in aelab-json aelab-core aelab-grader aelab-kernel aelab-bench; do
  for kind in "" -sources -javadoc; do
    check "$m$kind.jar is installed" test -s "$repo/aelab/$m/$VERSION/$m-$VERSION$kind.jar"
  done
done

mkdir -p "$tmp/consumer/src/main/java/example"
cat >"$tmp/consumer/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>consumer</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>aelab</groupId>
      <artifactId>aelab-core</artifactId>
      <version>$VERSION</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.11.0</version></plugin>
      <plugin><artifactId>maven-jar-plugin</artifactId><version>3.3.0</version></plugin>
      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.2.5</version></plugin>
      <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.6.1</version></plugin>
    </plugins>
  </build>
</project>
POM
cat >"$tmp/consumer/src/main/java/example/Main.java" <<'JAVA'
package example;

import aelab.core.Rng;
import aelab.gaussian.DiagonalGaussian;
import aelab.gaussian.GaussianKl;
import aelab.gaussian.MonteCarloKl;
import aelab.pca.Pca;
import org.ejml.data.DMatrixRMaj;

public final class Main {
    public static void main(String[] args) {
        var q = DiagonalGaussian.of(new double[] {0.5, -1}, new double[] {0.2, -0.7});
        double exact = GaussianKl.toStandard(q);
        var mc = MonteCarloKl.estimate(q, DiagonalGaussian.standard(2), 200_000, Rng.seeded(1));
        System.out.printf("KL closed form %.6f, Monte Carlo %.6f +- %.6f%n", exact, mc.mean(), mc.standardError());
        // EJML arrives transitively: PCA by SVD and by the covariance's eigendecomposition agree
        var rng = Rng.seeded(2);
        var x = new DMatrixRMaj(200, 5);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextGaussian() * (1 + i % 5);
        }
        double[] a = Pca.viaSvd(x, 3).eigenvalues();
        double[] b = Pca.viaCovariance(x, 3).eigenvalues();
        double worst = 0;
        for (int i = 0; i < 3; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / b[i]);
        }
        System.out.printf("PCA eigenvalues, SVD vs covariance: worst relative difference %.1e%n", worst);
        System.exit(mc.agreesWith(exact, 5) && worst < 1e-9 ? 0 : 1);
    }
}
JAVA
cons() { (cd "$tmp/consumer" && mvn_q package dependency:build-classpath -Dmdep.outputFile=cp.txt) >&2; }
check "a separate project that depends on aelab-core compiles" cons
run() { java -Djava.awt.headless=true -cp "$tmp/consumer/target/classes:$(cat "$tmp/consumer/cp.txt")" example.Main >&2; }
check "and its main class runs (KL within 5 standard errors of Monte Carlo; PCA by SVD = by covariance)" run
echo "consumer: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
