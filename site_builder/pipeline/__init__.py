"""The pipeline: the one place that runs the stages, `load → validate → history → analyse →
view`, then the outputs (pages, charts, downloads, Word reports, admin, schemas, engine).

Every command that needs an analysis or a site (`report`, `stats`, `build`, `serve`, `demo`,
the benchmark) calls it; a `BuildSession` holds what one run, or `serve` between runs, keeps.
"""
