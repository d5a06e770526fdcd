"""Headless subcommands: each module here defines `register(subparsers)`; cli.py finds them all.

A handler is `func(args) -> int`; `args.data_dir` is already applied. Use
`gwdesk.session.open_session()` when a command needs the store.
"""
