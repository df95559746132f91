"""jixiao.review"""
