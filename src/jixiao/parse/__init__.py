"""Parsing: Source -> Document through registered layout recognisers and the indicator grammar."""

from jixiao.parse.registry import layout, layouts, parse_source

__all__ = ["layout", "layouts", "parse_source"]
