"""Corpus scale (issue 11): many files parsed and reviewed on Dask into a Parquet dataset
(:mod:`.job`, :mod:`.cluster`), the dataset read back into documents (:mod:`.load`), and DuckDB views
and reports over it (:mod:`.views`, :mod:`.report`). Dask, pyarrow and duckdb are imported here and
nowhere else in jixiao."""
