#!/bin/sh
# A stand-in for a later batchwatch with a subcommand and options that do not exist yet, in the layout the real
# binaries print (hand-written top-level usage, QCommandLineParser for the rest): the man page generator must
# document them without being told about them (test packaging_manpage_generic).
case "$1 ${2:-}" in
  "--help ")
    cat <<'HELP'
Usage: futurecli [--demo]              the dashboard
       futurecli export [OPTIONS]      write batches
       futurecli results [OPTIONS]     download a batch's results
       futurecli COMMAND --help        the options of a command

Connection: FUTURE_API_KEY, FUTURE_BASE_URL
(default https://example.invalid/v1).
HELP
    ;;
  "export --help")
    cat <<'HELP'
Usage: futurecli export [options]
Writes the account's batches.

Options:
  -h, --help                Shows this help.
  --account <NAME>          The account to read (default: the first).
  --provider <ID>           openai, azure or anthropic; a long description
                            that wraps onto a second line.
HELP
    ;;
  "results --help")
    cat <<'HELP'
Usage: /some/build/tree/futurecli results [options] BATCH
Downloads a batch's output and error files.

Options:
  -h, --help         Shows this help.
  --dialect <NAME>   .leading dot and a \backslash in a description.

Arguments:
  BATCH              The batch id.
HELP
    ;;
  *) echo "futurecli: unknown $*" >&2; exit 2 ;;
esac
