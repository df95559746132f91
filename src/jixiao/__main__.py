"""``python -m jixiao``: the ``jixiao`` program, as the console script runs it."""

from jixiao.cli.main import main

main(prog_name="jixiao")
