# bash completion for batchwatch: its commands, each command's options, and the values they take.
# Installed as share/bash-completion/completions/batchwatch; packaging/tests/check-completions.sh checks that
# it offers every option each command's --help lists.

_batchwatch_options()
{
    local source="--provider --account"
    local limits="--timeout --max-retries --deadline --max-response-size"
    local filters="--query --status --search --created-after --created-before --max"
    case $1 in
        export) echo "-h --help $source --format -o --output $filters $limits --no-cache --refresh-all" ;;
        list) echo "-h --help $source $filters $limits --no-cache --refresh-all" ;;
        results) echo "-h --help $source --only --format -o --output $limits" ;;
        retry) echo "-h --help $source --include --dry-run -o --output $limits" ;;
        create) echo "-h --help $source --metadata --window --dry-run $limits" ;;
        cost) echo "-h --help $source --by --since --query --format -o --output $limits --no-cache --refresh-all" ;;
    esac
}

# Completes the last item of a comma-separated list ("failed,no" -> "failed,not-run").
_batchwatch_list()
{
    local done="" part=$cur
    if [[ $cur == *,* ]]; then
        done=${cur%,*},
        part=${cur##*,}
    fi
    local IFS=$'\n'
    COMPREPLY=($(compgen -P "$done" -W "$1" -- "$part"))
    compopt -o nospace 2>/dev/null
}

_batchwatch()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()
    if ((COMP_CWORD == 1)); then
        COMPREPLY=($(compgen -W "export list results retry create cost --demo --help --version" -- "$cur"))
        return
    fi
    local command=${COMP_WORDS[1]}
    case $prev in
        --provider)
            COMPREPLY=($(compgen -W "openai azure anthropic gemini" -- "$cur"))
            return
            ;;
        --format)
            if [[ $command == results ]]; then
                COMPREPLY=($(compgen -W "csv jsonl" -- "$cur"))
            elif [[ $command == cost ]]; then
                COMPREPLY=($(compgen -W "csv json table" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "csv json jsonl" -- "$cur"))
            fi
            return
            ;;
        -o | --output)
            COMPREPLY=($(compgen -f -- "$cur"))
            compopt -o filenames 2>/dev/null
            return
            ;;
        --only)
            _batchwatch_list $'ok\nfailed\nnot-run'
            return
            ;;
        --include)
            _batchwatch_list $'failed\nnot-run'
            return
            ;;
        --status)
            _batchwatch_list $'validating\nin_progress\nfinalizing\ncompleted\nfailed\nexpired\ncancelling\ncancelled'
            return
            ;;
        --window)
            COMPREPLY=($(compgen -W "24h" -- "$cur"))
            return
            ;;
        --by)
            COMPREPLY=($(compgen -W "model day batch account" -- "$cur"))
            return
            ;;
        --account | --timeout | --max-retries | --deadline | --max-response-size | --max | --search | \
            --created-after | --created-before | --metadata | --since | --query)
            return # a value of the user's own
            ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_batchwatch_options "$command")" -- "$cur"))
    elif [[ $command == create ]]; then
        COMPREPLY=($(compgen -f -X '!*.jsonl' -- "$cur") $(compgen -d -- "$cur"))
        compopt -o filenames 2>/dev/null
    fi
}

complete -F _batchwatch batchwatch
