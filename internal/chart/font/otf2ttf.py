#!/usr/bin/env python3
"""Converts the CFF (PostScript-outline) font to TrueType (quadratic) outlines.

gonum/plot's PDF backend embeds only TrueType outlines, so the charts use a
TrueType copy of the subset. cut.py uses it (step 2); alone, with Debian's
python3-fonttools (4.38):

    python3 otf2ttf.py IN.otf OUT.ttf

This follows fontTools' own snippet (Snippets/otf2ttf.py): each glyph is
redrawn through Cu2QuPen into a TTGlyphPen with a maximum error of 1 unit.
The result is a Modified Version under the SIL OFL 1.1 (OFL.txt); the
reserved font name "Source" is not used.
"""
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

MAX_ERR = 1.0
POST_FORMAT = 2.0


def glyphs_to_quadratic(glyphs, max_err=MAX_ERR, reverse_direction=True):
    quad = {}
    for name in glyphs.keys():
        glyph = glyphs[name]
        pen = TTGlyphPen(glyphs)
        glyph.draw(Cu2QuPen(pen, max_err, reverse_direction=reverse_direction))
        quad[name] = pen.glyph()
    return quad


def otf_to_ttf(font, post_format=POST_FORMAT):
    assert font.sfntVersion == "OTTO"
    assert "CFF " in font
    glyph_order = font.getGlyphOrder()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs_to_quadratic(font.getGlyphSet())
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    # gvar / hinting are not needed for charts.
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(
        len(g.components if hasattr(g, "components") else []) for g in glyf.glyphs.values()
    )
    maxp.compile(font)
    post = font["post"]
    post.formatType = post_format
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font.sfntVersion = "\000\001\000\000"


if __name__ == "__main__":
    src, dst = sys.argv[1], sys.argv[2]
    f = TTFont(src)
    otf_to_ttf(f)
    f.save(dst)
