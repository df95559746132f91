"""Fold traditional and variant characters of table *labels* to simplified ones, for matching only.

Labels are compared after folding, never rewritten: the document keeps the characters it was
published with. Two sources of variants: tables published in traditional script (項目名稱, 績效指標,
實際完成值) and PDF text layers whose font maps a shared glyph to the variant code point (财政专戶).
"""

from __future__ import annotations

_PAIRS = (
    "項项 稱称 門门 實实 單单 資资 總总 額额 財财 撥拨 績绩 標标 級级 產产 數数 質质 時时 經经 濟济 會会 "
    "態态 續续 響响 滿满 務务 對对 際际 權权 計计 進进 預预 執执 結结 轉转 戶户 專专 規规 劃划 審审 設设 "
    "據据 說说 屬属 負负 責责 開开 補补 貼贴 價价 評评 報报 復复 為为 與与 體体 員员 養养 構构 "
    "業业 處处 範范 圍围 達达 節节 約约 測测 覆覆 蓋盖 層层 類类 別别 優优 區区 縣县 鎮镇 鄉乡 "
    "機机 關关 歲岁 決决 週周 間间 現现 見见 銷销 發发 證证 頁页 議议 請请 填填 寫写"
)
_TABLE = {ord(pair[0]): pair[1] for pair in _PAIRS.split() if len(pair) == 2}


def fold(text: str) -> str:
    """``text`` with traditional/variant label characters replaced by their simplified forms."""
    return text.translate(_TABLE)
