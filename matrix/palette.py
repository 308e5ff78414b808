"""One visual language: the same colour for a pillar and a status everywhere.

Okabe–Ito colours (safe for the common colour-vision deficiencies); statuses also carry
a fill pattern, so colour is never the only signal.
"""
PILLAR_COLORS = {1: "#0072B2", 2: "#E69F00", 3: "#009E73", 4: "#CC79A7"}
STATUS_COLORS = {"Ongoing": "#56B4E9", "Completed": "#7F7F7F", "In development": "#D55E00", "": "#BBBBBB"}
STATUS_PATTERNS = {"Ongoing": "", "Completed": "/", "In development": ".", "": "x"}
UN_BLUE = "#009EDB"
# Blues, starting at a visible light blue so that a country with one project stands out from none.
SEQUENTIAL = [[0.0, "#C6DBEF"], [0.35, "#6BAED6"], [0.7, "#2171B5"], [1.0, "#08306B"]]
FONT = "Noto Sans, Roboto, Helvetica Neue, Arial, sans-serif"
# Fonts with the script's glyphs come first: Arabic and Chinese render in their own type,
# Latin data (acronyms, English titles) falls through to the common stack.
SCRIPT_FONTS = {"ar": "Noto Sans Arabic, Noto Naskh Arabic, Arial, ", "zh": "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, "}


def font_family(lang: str) -> str:
    return SCRIPT_FONTS.get(lang, "") + FONT
