"""Command-line shell: one module per command, all calling :mod:`jixiao.services`."""
