"""`python -m site_builder` runs the `sctrack` command line."""

from .cli import main

main()
