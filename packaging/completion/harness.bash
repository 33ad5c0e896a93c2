# bash completion for `harness`, the headless engine of Harness Workbench: its commands, subcommands,
# flags and flag values. Installed as /usr/share/bash-completion/completions/harness. The packaging
# tests check it offers every command and flag `harness --help` names, so the two stay in step.

_harness_commands="init task run runner queue resume approve reject merge discard accept pause abort status log audit check mcp demo help"

# The flags of each command (and of `task <sub>` and `audit <sub>`).
_harness_flags() {
    case $1 in
        "task add")
            echo "--title --goal --accept --check --scope --constraint --depends --interface --max-tokens
                  --max-cost --max-iterations --max-wall-seconds --file --json" ;;
        "task list" | "task show" | status) echo "--json" ;;
        "task accept-subtasks") echo "--only" ;;
        run) echo "--approve --agent --ready --jobs --queue --priority --remote" ;;
        runner) echo "--name --host --capacity --cache --lease-ms --remote --agent --runs --exit-when-idle" ;;
        queue) echo "--all --run --priority --max-runs --max-spend" ;;
        resume) echo "--approve --agent" ;;
        approve | reject) echo "--feedback" ;;
        log) echo "--from --to --json" ;;
        "audit export") echo "--format" ;;
        check) echo "--changed-since --format --rules --output --compile-commands --help" ;;
        demo) echo "--keep" ;;
        accept) echo "--reason" ;;
        mcp) echo "--run --worktree" ;;
    esac
}

_harness() {
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}

    # The command (and subcommand) come after the global options and their values.
    local i=1 command="" sub=""
    while [ "$i" -lt "$COMP_CWORD" ]; do
        case ${COMP_WORDS[i]} in
            --repo | --store) i=$((i + 2)); continue ;;
            -*) ;;
            *)
                if [ -z "$command" ]; then
                    command=${COMP_WORDS[i]}
                elif [ -z "$sub" ] && { [ "$command" = task ] || [ "$command" = audit ]; }; then
                    sub=${COMP_WORDS[i]}
                fi ;;
        esac
        i=$((i + 1))
    done

    # Values of flags.
    case $prev in
        --repo | --worktree) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --store | --agent | --file | --rules | --output | -o | --compile-commands)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --approve)
            if [ "$command" = run ] || [ "$command" = resume ]; then
                COMPREPLY=($(compgen -W "auto prompt wait" -- "$cur")); return
            fi ;;
        --format)
            if [ "$command" = check ]; then
                COMPREPLY=($(compgen -W "text json sarif" -- "$cur")); return
            elif [ "$command" = audit ]; then
                COMPREPLY=($(compgen -W "jsonl csv" -- "$cur")); return
            fi ;;
        --title | --goal | --accept | --check | --scope | --constraint | --depends | --interface | \
            --max-tokens | --max-cost | --max-iterations | --max-wall-seconds | --only | --jobs | \
            --feedback | --from | --to | --changed-since | --reason | --run)
            return ;; # free text or a number: nothing to offer
    esac

    if [ -z "$command" ]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--repo --store --version --help" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$_harness_commands" -- "$cur"))
        fi
        return
    fi
    case $command in
        task)
            if [ -z "$sub" ]; then
                COMPREPLY=($(compgen -W "add list show accept-subtasks" -- "$cur")); return
            fi
            command="task $sub" ;;
        audit)
            if [ -z "$sub" ]; then
                COMPREPLY=($(compgen -W "verify export" -- "$cur")); return
            fi
            command="audit $sub" ;;
        check)
            if [[ $cur != -* ]]; then
                COMPREPLY=($(compgen -d -- "$cur")); return
            fi ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_harness_flags "$command")" -- "$cur"))
    fi
}

complete -F _harness harness
