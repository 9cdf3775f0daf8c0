"""`python -m site_builder` runs the `sctrack` command line."""

from site_builder.cli.main import main

# Guarded: worker processes started with "spawn" import this module again.
if __name__ == "__main__":
    main()
