"""The `sctrack` command line.

Click's own texts are made Chinese before any command is declared: click translates some
of them (the --version option's help, the type names) when a decorator runs.
"""

from site_builder.cli.chinese import install

install()
