#!/usr/bin/env bash
# bench-ratios.sh measures Rampart against the hand-written net/http
# baselines in the same run and prints the median ratios. The machines are
# shared and noisy, so it compiles each benchmark binary once and then
# alternates the pairs ROUNDS times (default 8), instead of running one
# benchmark's repetitions back to back, and reports medians.
#
# Usage: scripts/bench-ratios.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-8}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go test -c -o "$work/di.test" ./di
go test -c -o "$work/router.test" ./router
go test -c -o "$work/items.test" ./examples/oauth2scopes

run() { # binary, benchmark regexp
	"$work/$1" -test.run '^$' -test.bench "$2" -test.benchmem -test.count 1 -test.benchtime 1s |
		awk '/^Benchmark/ {sub(/-[0-9]+$/, "", $1); print $1, $3, $(NF-1)}'
}

for ((i = 0; i < rounds; i++)); do
	run di.test '^BenchmarkSeedChain(Direct)?$'
	run router.test '^BenchmarkRouteParams(NetHTTP)?$'
	run items.test '^BenchmarkItems(NetHTTP|Cached)?$'
done >"$work/results"

# median NAME: the median ns/op of a benchmark over the rounds.
median() {
	awk -v n="$1" '$1 == n {print $2}' "$work/results" | sort -g |
		awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
allocs() { awk -v n="$1" '$1 == n {print $3; exit}' "$work/results"; }

printf '%-28s %12s %8s\n' benchmark "median ns/op" allocs
for b in SeedChain SeedChainDirect RouteParams RouteParamsNetHTTP Items ItemsNetHTTP ItemsCached; do
	printf '%-28s %12s %8s\n' "Benchmark$b" "$(median Benchmark$b)" "$(allocs Benchmark$b)"
done
ratio() { awk -v a="$(median "Benchmark$1")" -v b="$(median "Benchmark$2")" 'BEGIN {printf "%.3f", a / b}'; }
echo
echo "SeedChain / SeedChainDirect      $(ratio SeedChain SeedChainDirect)"
echo "RouteParams / RouteParamsNetHTTP $(ratio RouteParams RouteParamsNetHTTP)"
echo "Items / ItemsNetHTTP             $(ratio Items ItemsNetHTTP)"
echo "ItemsCached / ItemsNetHTTP       $(ratio ItemsCached ItemsNetHTTP)"
