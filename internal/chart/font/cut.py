#!/usr/bin/env python3
"""Cuts the chart fonts of this folder from Noto Sans CJK SC Regular.

Run it here, with Debian's fonts-noto-cjk (1:20220127) and python3-fonttools
(4.38) installed:

    python3 cut.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

It writes the same bytes on every run:
 1. the subset, as `pyftsubset NotoSansCJK-Regular.ttc --font-number=2
    --text-file=...` (face 2 is SC): the characters of
    charset-gb2312-level1.txt (ASCII, CJK punctuation, the 3,755 GB2312
    level-1 hanzi; the project's first cut had these alone) and EXTRA below;
 2. its outlines made TrueType (otf2ttf.py), since gonum/plot's PDF canvas
    embeds only TrueType outlines;
 3. the superscripts the face lacks (SUPERSCRIPTS), drawn from its own
    digits and signs scaled as its ¹ ² ³ ⁴ are: NotoSansSC-gb2312l1.ttf;
 4. the browser's Latin face, NotoSansSC-latin.ttf: the same without the
    hanzi but 中 and 文 (the English screen's language button says 中文).

The fonts are Modified Versions under the SIL OFL 1.1 (OFL.txt); the
reserved font name "Source" is not used.
"""
import os
import sys
import tempfile

from fontTools import subset
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

from otf2ttf import otf_to_ttf

HERE = os.path.dirname(os.path.abspath(__file__))
WHOLE = os.path.join(HERE, "NotoSansSC-gb2312l1.ttf")
LATIN = os.path.join(HERE, "NotoSansSC-latin.ttf")

# EXTRA are the characters beyond GB2312's that the app's and the charts'
# texts draw (TestEveryTextHasGlyphs in internal/app lists the need):
EXTRA = (
    # the formulas' and the charts' signs (internal/explain, the KPI
    # catalogue, chart titles such as "cycle × amount")
    "×÷±−–→∞≤≥≈√∈"
    # superscripts: ¹ ² ³ ⁴ are the face's; the rest are SUPERSCRIPTS
    "¹²³⁴⁰⁵⁶⁷⁸⁹⁺⁻"
    # Greek: τ and Σ of the tenure table, the distributions' and the
    # customer-base models' parameters (α, β, λ, μ, σ …)
    + "".join(chr(c) for c in range(0x391, 0x3AA) if c != 0x3A2)
    + "".join(chr(c) for c in range(0x3B1, 0x3CA))
)

# SUPERSCRIPTS maps each superscript the face lacks to the character it
# is drawn from. Its own ² ³ ⁴ are the digits at 0.66 of their width and
# 0.60 of their height (313/465, 316/470, 326/504 wide; 450/746, 463/759,
# 436/733 high, in font units) on a baseline at 441, 411 units wide.
SUPERSCRIPTS = {"⁰": "0", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁺": "+", "⁻": "−"}
SCALE_X, SCALE_Y, BASELINE, ADVANCE = 0.66, 0.60, 441, 411


def cut_cff(ttc, out):
    """Step 1: the subset with CFF outlines, written to out."""
    with open(os.path.join(HERE, "charset-gb2312-level1.txt"), encoding="utf-8") as f:
        text = f.read()
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write(text + EXTRA)
    try:
        subset.main([ttc, "--font-number=2", "--text-file=" + f.name, "--output-file=" + out])
    finally:
        os.unlink(f.name)


def add_superscripts(font):
    """Step 3: draws SUPERSCRIPTS into the TrueType font."""
    cmap = font.getBestCmap()
    glyf, hmtx, vmtx = font["glyf"], font["hmtx"], font["vmtx"]
    order = font.getGlyphOrder()
    # A vertical origin as the face's ⁴ has it: top side bearing + yMax.
    four = glyf[cmap[ord("⁴")]]
    origin = vmtx[cmap[ord("⁴")]][1] + four.yMax
    for sup, base in SUPERSCRIPTS.items():
        assert ord(sup) not in cmap, sup + " is in the face already"
        src = glyf[cmap[ord(base)]]
        dx = (ADVANCE - SCALE_X * (src.xMin + src.xMax)) / 2
        pen = TTGlyphPen(None)
        glyf[cmap[ord(base)]].draw(TransformPen(pen, (SCALE_X, 0, 0, SCALE_Y, dx, BASELINE)), glyf)
        g = pen.glyph()
        g.recalcBounds(glyf)
        name = "uni%04X" % ord(sup)
        order.append(name)
        glyf.glyphs[name] = g
        hmtx[name] = (ADVANCE, g.xMin)
        vmtx[name] = (1000, origin - g.yMax)
        for table in font["cmap"].tables:
            if table.isUnicode() and table.format in (4, 12):
                table.cmap[ord(sup)] = name
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    font["post"].glyphOrder = order


def cut_latin(whole, out):
    """Step 4: the Latin face, as `pyftsubset` with these options."""
    keep = [c for c in sorted(TTFont(whole).getBestCmap()) if not 0x4E00 <= c <= 0x9FFF or chr(c) in "中文"]
    subset.main([whole, "--unicodes=" + ",".join("U+%04X" % c for c in keep), "--layout-features=*",
                 "--name-IDs=*", "--name-languages=*", "--notdef-outline", "--output-file=" + out])


def main(ttc):
    with tempfile.TemporaryDirectory() as tmp:
        otf = os.path.join(tmp, "cut.otf")
        cut_cff(ttc, otf)
        # The source's timestamps stay, so that a run gives the same bytes.
        font = TTFont(otf, recalcTimestamp=False)
        otf_to_ttf(font)
        add_superscripts(font)
        font.save(WHOLE)
    cut_latin(WHOLE, LATIN)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 cut.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    main(sys.argv[1])
