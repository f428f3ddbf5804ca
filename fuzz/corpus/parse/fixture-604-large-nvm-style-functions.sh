#!/usr/bin/env bash
# Version manager helpers in the style of nvm.sh

{ # this ensures the entire script is downloaded #

vm_echo() {
  command printf %s\\n "$*" 2>/dev/null
}

vm_is_version_installed() {
  [ -n "${1-}" ] && [ -x "$(vm_version_path "$1" 2> /dev/null)"/bin/node ]
}

vm_grep() {
  GREP_OPTIONS='' command grep "$@"
}

vm_has() {
  type "${1-}" > /dev/null 2>&1
}

vm_normalize_version() {
  command awk 'BEGIN {
    split(ARGV[1], a, /\./);
    printf "%d%06d%06d\n", a[1], a[2], a[3];
    exit;
  }' "${1#v}"
}

vm_version_greater() {
  command awk 'BEGIN {
    if (ARGV[1] == "" || ARGV[2] == "") exit(1)
    split(ARGV[1], a, /\./);
    split(ARGV[2], b, /\./);
    for (i=1; i<=3; i++) {
      if (a[i] && a[i] !~ /^[0-9]+$/) exit(2);
      if (b[i] && b[i] !~ /^[0-9]+$/) { exit(0); }
      if (a[i] < b[i]) exit(3);
      else if (a[i] > b[i]) exit(0);
    }
    exit(4)
  }' "${1#v}" "${2#v}"
}

vm_ls_remote() {
  local PATTERN
  PATTERN="${1-}"
  if vm_validate_implicit_alias "${PATTERN}" 2> /dev/null ; then
    PATTERN="$(vm_remote_version "${PATTERN}")" || return $?
  elif [ -n "${PATTERN}" ]; then
    PATTERN="$(vm_ensure_version_prefix "${PATTERN}")"
  else
    PATTERN=".*"
  fi
  VM_LTS="${VM_LTS-}" vm_ls_remote_index_tab node std "${PATTERN}"
}

vm_process_parameters() {
  local VM_AUTO_MODE
  VM_AUTO_MODE='use'
  while [ "$#" -ne 0 ]; do
    case "$1" in
      --install) VM_AUTO_MODE='install' ;;
      --no-use) VM_AUTO_MODE='none' ;;
    esac
    shift
  done
  vm_auto "${VM_AUTO_MODE}"
}

vm_get_arch() {
  local HOST_ARCH
  local VM_OS
  local EXIT_CODE
  VM_OS="$(vm_get_os)"
  # If the OS is SunOS, first try to use pkgsrc to guess
  # the most appropriate arch. If it's not available, use
  # isainfo to get the instruction set supported by the
  # kernel.
  if [ "_${VM_OS}" = "_sunos" ]; then
    if HOST_ARCH=$(pkg_info -Q MACHINE_ARCH pkg_install); then
      HOST_ARCH=$(vm_echo "${HOST_ARCH}" | command tail -1)
    else
      HOST_ARCH=$(isainfo -n)
    fi
  elif [ "_${VM_OS}" = "_aix" ]; then
    HOST_ARCH=ppc64
  else
    HOST_ARCH="$(command uname -m)"
  fi

  local VM_ARCH
  case "${HOST_ARCH}" in
    x86_64 | amd64) VM_ARCH="x64" ;;
    i*86) VM_ARCH="x86" ;;
    aarch64) VM_ARCH="arm64" ;;
    *) VM_ARCH="${HOST_ARCH}" ;;
  esac
  vm_echo "${VM_ARCH}"
}

vm_process_parameters "$@"

} # this ensures the entire script is downloaded #
