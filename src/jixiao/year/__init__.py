"""The performance year after the targets are approved (issue 10): monitoring rounds, target
adjustments, the self-evaluation with its recomputed score, the year lock, the checks MON001–MON004
and the region's traffic-light board. :mod:`jixiao.year.service` is what the shells call."""
