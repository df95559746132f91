"""jixiao.export"""
