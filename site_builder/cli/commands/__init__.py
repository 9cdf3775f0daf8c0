"""One module per `sctrack` command (click wiring; the work happens in the stage modules)."""
