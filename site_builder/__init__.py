"""sctrack: follow the province's key supply-chain projects online.

Stages, one module each: load -> validate -> analyse -> render -> build.
"""
