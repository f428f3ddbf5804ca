#!/bin/sh
# shellcheck shell=dash
#
# Installer for the "widget" toolchain, in the style of curl | sh installers.
set -u

WIDGET_UPDATE_ROOT="${WIDGET_UPDATE_ROOT:-https://static.example.com/widget}"
WIDGET_HOME="${WIDGET_HOME:-$HOME/.widget}"

usage() {
    cat <<EOF
widget-init 1.2.3

The installer for widget

USAGE:
    widget-init [FLAGS] [OPTIONS]

FLAGS:
    -v, --verbose           Enable verbose output
    -q, --quiet             Disable progress output
    -y                      Disable confirmation prompt.
    -h, --help              Prints help information
EOF
}

say() {
    printf 'widget: %s\n' "$1"
}

err() {
    say "$1" >&2
    exit 1
}

need_cmd() {
    if ! check_cmd "$1"; then
        err "need '$1' (command not found)"
    fi
}

check_cmd() {
    command -v "$1" > /dev/null 2>&1
}

ensure() {
    if ! "$@"; then err "command failed: $*"; fi
}

get_architecture() {
    local _ostype _cputype _arch
    _ostype="$(uname -s)"
    _cputype="$(uname -m)"
    case "$_ostype" in
        Linux)
            _ostype=unknown-linux-gnu
            ;;
        Darwin)
            _ostype=apple-darwin
            ;;
        MINGW* | MSYS* | CYGWIN* | Windows_NT)
            _ostype=pc-windows-gnu
            ;;
        *)
            err "unrecognized OS type: $_ostype"
            ;;
    esac
    case "$_cputype" in
        i386 | i486 | i686 | i786 | x86)
            _cputype=i686
            ;;
        aarch64 | arm64)
            _cputype=aarch64
            ;;
        x86_64 | x86-64 | x64 | amd64)
            _cputype=x86_64
            ;;
        *)
            err "unknown CPU type: $_cputype"
    esac
    _arch="${_cputype}-${_ostype}"
    RETVAL="$_arch"
}

downloader() {
    local _dld
    if check_cmd curl; then
        _dld=curl
    elif check_cmd wget; then
        _dld=wget
    else
        _dld='curl or wget'
    fi

    if [ "$1" = --check ]; then
        need_cmd "$_dld"
    elif [ "$_dld" = curl ]; then
        curl --proto '=https' --tlsv1.2 --silent --show-error --fail --location "$1" --output "$2"
    elif [ "$_dld" = wget ]; then
        wget --https-only --secure-protocol=TLSv1_2 "$1" -O "$2"
    else
        err "Unknown downloader"
    fi
}

main() {
    downloader --check
    need_cmd uname
    need_cmd mktemp
    need_cmd chmod
    need_cmd mkdir
    need_cmd rm

    get_architecture || return 1
    local _arch="$RETVAL"
    local _ext=""
    case "$_arch" in
        *windows*)
            _ext=".exe"
            ;;
    esac

    local _url="${WIDGET_UPDATE_ROOT}/dist/${_arch}/widget-init${_ext}"
    local _dir
    _dir="$(ensure mktemp -d)"
    local _file="${_dir}/widget-init${_ext}"

    local need_tty=yes
    for arg in "$@"; do
        case "$arg" in
            -h|--help)
                usage
                exit 0
                ;;
            -*y*)
                need_tty=no
                ;;
            *)
                ;;
        esac
    done

    say 'downloading installer'
    ensure mkdir -p "$_dir"
    ensure downloader "$_url" "$_file" "$_arch"
    ensure chmod u+x "$_file"
    if [ ! -x "$_file" ]; then
        printf '%s\n' "Cannot execute $_file (likely because of mounting /tmp as noexec)." 1>&2
        exit 1
    fi

    if [ "$need_tty" = "yes" ] && [ ! -t 0 ]; then
        if [ ! -t 1 ]; then
            err "Unable to run interactively. Run with -y to accept defaults"
        fi
        "$_file" "$@" < /dev/tty
    else
        "$_file" "$@"
    fi

    local _retval=$?
    ignore rm "$_file"
    ignore rmdir "$_dir"
    return "$_retval"
}

ignore() {
    "$@"
}

main "$@" || exit 1
