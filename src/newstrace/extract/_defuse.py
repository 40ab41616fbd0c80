"""Markup that would make the HTML parser super-linear, cut down before parsing.

libxml2 checks each attribute of an element against the ones before it, so one element with k attributes costs k²:
a 1.2 MB page of one element with 100,000 attributes took 127 s to extract (and 1M attributes never finished). Real
elements have a few dozen attributes; an element with more keeps its first ``MAX_ATTRIBUTES``.
"""
from __future__ import annotations

import re

# The most attributes on one element in htmldate's 799 pages (data/dates) is 40, in AEB's 181 pages 64; 200 keeps
# every element of both whole and bounds an element's parse cost at 200² comparisons.
MAX_ATTRIBUTES = 200

# What the scan stops at: a comment and a script or style element (their text is not markup: skipped whole, only a
# script's or style's own start tag is looked at), and a start tag long enough to hold more than MAX_ATTRIBUTES
# attributes: each takes at least two tokens (a space and a name), a token being one character, or an "=" with its
# quoted value (a long data: URI or SVG path is one token and never makes a tag suspect; a stray quote, common in
# real pages, is one character). Possessive quantifiers throughout: linear, whatever the markup.
_TOKEN = r"""(?:[^"'<>=]|=\s*+(?:"[^"]*+"|'[^']*+')?+|["'])"""
_VALUE = r"""(?:[^"'<>=]++|=\s*+(?:"[^"]*+"|'[^']*+')?+|["'])*+"""
_SCAN = re.compile(
    r"<!--(?:[^-]++|-(?!->))*+(?:-->)?+"
    r"|<(?P<raw>script|style)(?=[\s/>])" + _VALUE + r">?+(?:[^<]++|<(?!/(?P=raw)))*+"
    r"|<(?P<tag>[a-zA-Z][^\s/<>]*+)(?=" + _TOKEN + "{%d})" % (2 * MAX_ATTRIBUTES), re.I)
_TAG_BODY = re.compile(_VALUE)
_ATTRIBUTE = re.compile(r"""[^\s"'<>/=]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'<>]*+))?+""")


def defuse(html: str) -> str:
    """``html`` with every start tag of more than ``MAX_ATTRIBUTES`` attributes cut to its first ones (linear time);
    the same string, untouched, when no tag has that many."""
    parts: list[str] = []
    done = 0
    for found in _SCAN.finditer(html):
        name = "raw" if found.group("raw") else "tag" if found.group("tag") else None
        if name is None:  # a comment
            continue
        attributes_at = found.end(name)
        body = _TAG_BODY.match(html, attributes_at)
        attributes = _ATTRIBUTE.findall(html, attributes_at, body.end())
        if len(attributes) <= MAX_ATTRIBUTES:
            continue
        parts += [html[done:attributes_at], " ", " ".join(attributes[:MAX_ATTRIBUTES])]
        done = body.end()
    if not parts:
        return html
    parts.append(html[done:])
    return "".join(parts)
