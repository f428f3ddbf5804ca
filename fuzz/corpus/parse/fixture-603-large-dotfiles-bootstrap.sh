#!/usr/bin/env bash
# Bootstrap dotfiles: symlink everything under ./home into $HOME, with backups.

set -o errexit -o nounset -o pipefail

DOTFILES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
BACKUP_DIR="$HOME/.dotfiles-backup/$(date +%Y%m%d-%H%M%S)"
DRY_RUN=false
FORCE=false

declare -a LINKED=() SKIPPED=()

color() {
  local c=$1; shift
  if [[ -t 1 ]]; then
    case $c in
      red) printf '\033[31m%s\033[0m\n' "$*" ;;
      green) printf '\033[32m%s\033[0m\n' "$*" ;;
      yellow) printf '\033[33m%s\033[0m\n' "$*" ;;
      *) printf '%s\n' "$*" ;;
    esac
  else
    printf '%s\n' "$*"
  fi
}

run() {
  if $DRY_RUN; then
    color yellow "would run: $(printf '%q ' "$@")"
  else
    "$@"
  fi
}

link_file() {
  local src=$1 dst=$2
  if [[ -L $dst && $(readlink "$dst") == "$src" ]]; then
    SKIPPED+=("$dst")
    return
  fi
  if [[ -e $dst || -L $dst ]]; then
    if ! $FORCE; then
      read -r -p "overwrite $dst? [y/N] " answer </dev/tty || answer=n
      [[ ${answer,,} == y* ]] || { SKIPPED+=("$dst"); return; }
    fi
    run mkdir -p "$BACKUP_DIR/$(dirname "${dst#"$HOME"/}")"
    run mv "$dst" "$BACKUP_DIR/${dst#"$HOME"/}"
  fi
  run mkdir -p "$(dirname "$dst")"
  run ln -s "$src" "$dst"
  LINKED+=("$dst")
}

for arg; do
  case $arg in
    -n|--dry-run) DRY_RUN=true ;;
    -f|--force) FORCE=true ;;
    *) color red "unknown argument: $arg"; exit 2 ;;
  esac
done

shopt -s dotglob globstar nullglob
for src in "$DOTFILES_DIR"/home/**/*; do
  [[ -f $src ]] || continue
  rel=${src#"$DOTFILES_DIR/home/"}
  link_file "$src" "$HOME/$rel"
done

if command -v vim >/dev/null; then
  run vim -Es -u "$HOME/.vimrc" +PlugInstall +qall || color yellow "vim plugins failed"
fi

color green "linked ${#LINKED[@]} file(s), skipped ${#SKIPPED[@]}"
(( ${#SKIPPED[@]} == 0 )) || printf '  skipped: %s\n' "${SKIPPED[@]}"
