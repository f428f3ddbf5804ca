# bash completion for the `tool` command -*- shell-script -*-

_tool_subcommands="build run test clean help"

_tool_complete_files()
{
    local IFS=$'\n'
    COMPREPLY+=( $(compgen -f -X '!*.@(conf|cfg)' -- "$cur") )
}

_tool()
{
    local cur prev words cword split
    _init_completion -s || return

    case $prev in
        --help|--version|-h|-V)
            return
            ;;
        --config|-c)
            _filedir '@(conf|cfg)'
            return
            ;;
        --jobs|-j)
            COMPREPLY=( $(compgen -W "{1..$(_ncpus)}" -- "$cur") )
            return
            ;;
        --log-level)
            COMPREPLY=( $(compgen -W 'trace debug info warn error' -- "$cur") )
            return
            ;;
    esac

    $split && return

    local i subcmd
    for (( i=1; i < cword; i++ )); do
        if [[ ${words[i]} != -* ]]; then
            subcmd=${words[i]}
            break
        fi
    done

    if [[ -z $subcmd ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=( $(compgen -W '$(_parse_help "$1")' -- "$cur") )
            [[ ${COMPREPLY-} == *= ]] && compopt -o nospace
        else
            COMPREPLY=( $(compgen -W "$_tool_subcommands" -- "$cur") )
        fi
        return
    fi

    case $subcmd in
        build|test)
            COMPREPLY=( $(compgen -W '--release --target --features' -- "$cur") )
            ;;
        run)
            _tool_complete_files
            ;;
        help)
            COMPREPLY=( $(compgen -W "$_tool_subcommands" -- "$cur") )
            ;;
    esac
} &&
    complete -F _tool tool

# ex: filetype=sh
