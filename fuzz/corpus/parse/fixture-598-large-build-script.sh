#!/bin/bash
# Build and package script with getopts, arrays and helper functions.

set -e

PROJECT=myapp
VERSION=$(git describe --tags --always 2>/dev/null || echo 0.0.0)
TARGETS=(linux-amd64 linux-arm64 darwin-amd64)
BUILD_DIR=build
JOBS=$(nproc 2>/dev/null || echo 2)
VERBOSE=0
CLEAN=0

die() { echo "error: $*" >&2; exit 1; }
info() { [ "$VERBOSE" -eq 1 ] && echo "==> $*"; return 0; }

usage() {
	cat <<-USAGE
	Usage: ${0##*/} [-c] [-v] [-j jobs] [-t target]... [-o dir]
	  -c        clean before building
	  -v        verbose
	  -j N      parallel jobs (default: $JOBS)
	  -t T      build only target T (repeatable)
	  -o DIR    output directory (default: $BUILD_DIR)
	USAGE
}

selected=()
while getopts ":cvj:t:o:h" opt; do
	case $opt in
		c) CLEAN=1 ;;
		v) VERBOSE=1 ;;
		j) JOBS=$OPTARG ;;
		t) selected+=("$OPTARG") ;;
		o) BUILD_DIR=$OPTARG ;;
		h) usage; exit 0 ;;
		:) die "option -$OPTARG needs an argument" ;;
		*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
(( ${#selected[@]} )) && TARGETS=("${selected[@]}")

if [[ $CLEAN == 1 && -d $BUILD_DIR ]]; then
	info "cleaning $BUILD_DIR"
	rm -rf "${BUILD_DIR:?}"/*
fi
mkdir -p "$BUILD_DIR"

build_one() {
	local target=$1 os arch out
	IFS=- read -r os arch <<< "$target"
	out="$BUILD_DIR/$PROJECT-$VERSION-$os-$arch"
	info "building $target -> $out"
	GOOS=$os GOARCH=$arch go build -ldflags "-X main.version=$VERSION -s -w" -o "$out/$PROJECT" ./cmd/$PROJECT
	cp README.md LICENSE "$out/"
	( cd "$BUILD_DIR" && tar czf "${out##*/}.tar.gz" "${out##*/}" )
	sha256sum "$out.tar.gz" | awk '{ print $1 }' > "$out.tar.gz.sha256"
}

pids=()
for t in "${TARGETS[@]}"; do
	case $t in
		linux-*|darwin-*|windows-*) ;;
		*) die "unknown target '$t'" ;;
	esac
	build_one "$t" &
	pids+=($!)
	if (( ${#pids[@]} >= JOBS )); then
		wait "${pids[0]}" || die "build failed"
		pids=("${pids[@]:1}")
	fi
done
for p in "${pids[@]}"; do wait "$p" || die "build failed"; done

echo "built ${#TARGETS[@]} target(s) in $BUILD_DIR:"
ls -1 "$BUILD_DIR"/*.tar.gz | sed 's/^/  /'
