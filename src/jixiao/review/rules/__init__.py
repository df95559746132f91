"""jixiao.review.rules"""
