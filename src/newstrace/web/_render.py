"""Layout for the server-rendered pages: highlighted text segments, the timeline and the propagation graph.

Everything here returns plain data (strings, numbers); the templates escape every string they print, so stored text
can never become markup. No function here builds HTML.
"""
from __future__ import annotations

from urllib.parse import quote, urlsplit

ACTION_LABEL = {"asserts": "asserts", "repeats": "repeats", "denies": "denies", "reports": "reports"}


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None (a stored ``javascript:`` link is shown, never linked)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def speaker_href(name: str) -> str:
    return "/speakers/" + quote(name, safe="")


def segments(text: str, base: int, spans: list[tuple[int, int, str, str | None]]) -> list[dict]:
    """Cut ``text`` (which starts at offset ``base`` of the article) at every span boundary. ``spans`` are
    (start, end, css class, anchor id) in article offsets; each piece gets the classes of the spans covering it and
    the anchors that start there."""
    n = len(text)
    clipped = []
    points = {0, n}
    for start, end, cls, anchor in spans:
        s, e = max(0, start - base), min(n, end - base)
        if s < e:
            clipped.append((s, e, cls, anchor))
            points.update((s, e))
    cuts = sorted(points)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        classes = []
        anchors = []
        for s, e, cls, anchor in clipped:
            if s <= a and b <= e and cls not in classes:
                classes.append(cls)
            if anchor and s == a and anchor not in anchors:
                anchors.append(anchor)
        out.append({"text": text[a:b], "cls": " ".join(classes), "anchors": anchors})
    return out


def statement_spans(statement: dict, anchor: bool = False) -> list[tuple[int, int, str, str | None]]:
    spans = []
    first = True
    parts = [(statement[k], k) for k in ("speaker", "cue", "content") if isinstance(statement.get(k), dict)]
    for part, kind in sorted(parts, key=lambda p: p[0].get("start") if isinstance(p[0].get("start"), int) else 0):
        start, end = part.get("start"), part.get("end")
        if isinstance(start, int) and isinstance(end, int) and end > start:
            spans.append((start, end, f"hl-{kind}", f"st-{statement['id']}" if anchor and first else None))
            first = False
    return spans


def article_paragraphs(text: str, statements: list[dict]) -> list[list[dict]]:
    """The article text as paragraphs of highlighted segments (statement spans, with an anchor per statement)."""
    spans = [span for s in statements for span in statement_spans(s, anchor=True)]
    paragraphs = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append(segments(line, pos, spans))
        pos += len(line) + 1
    return paragraphs


def evidence_segments(event: dict, statement: dict | None) -> list[dict]:
    evidence = event.get("evidence") or {}
    text = evidence.get("text") or ""
    base = evidence.get("start") or 0
    if statement is not None:
        spans = statement_spans(statement)
    else:  # no statement (a "reproduced by" sentence, the article's own voice): mark the actor's name if present
        spans = []
        name = (event.get("actor") or {}).get("name") or ""
        at = text.lower().find(name.lower()) if name else -1
        if at >= 0:
            spans.append((base + at, base + at + len(name), "hl-speaker", None))
    return segments(text, base, spans)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def timeline(events: list[dict]) -> dict:
    """One row per actor, one column per distinct date (undated last); a mark per event."""
    actors: list[str] = []
    row_of: dict[str, int] = {}
    for e in events:
        name = e["actor"]["name"]
        if name not in row_of:
            row_of[name] = len(actors)
            actors.append(name)
    dates = sorted({e.get("date") for e in events if e.get("date")})
    columns = dates + ([None] if any(not e.get("date") for e in events) else [])
    label_w, col_w, row_h, top = 250, 230, 34, 46
    width = label_w + col_w * max(1, len(columns)) + 20
    height = top + row_h * max(1, len(actors)) + 10
    col_x = {d: label_w + col_w * i + col_w // 2 for i, d in enumerate(columns)}
    label_x = {d: x - col_w // 2 + 20 for d, x in col_x.items()}
    used: dict[tuple, int] = {}
    marks = []
    for i, e in enumerate(events):
        name = e["actor"]["name"]
        row = row_of[name]
        key = (name, e.get("date"))
        k = used.get(key, 0)
        used[key] = k + 1
        when = e.get("date") or "undated"
        if e.get("date_precision") in ("after", "before"):
            when = f"{e['date_precision']} {when}"
        authority = ", ".join(a["name"] for a in e.get("authority") or [])
        note = e["action"] + (f" citing {authority}" if authority else "")
        x = col_x[e.get("date")] - col_w // 2 + 20 + 18 * k
        marks.append({"href": f"#ev-{i}", "x": x, "y": top + row_h * row + row_h // 2,
                      "note": _short(note, 40) if k == 0 else "", "note_full": note,
                      "action": e["action"], "observed": bool(e.get("observed")),
                      "approx": e.get("date_precision") in ("after", "before", "unknown"),
                      "label": f"{name} {note} ({'observed' if e.get('observed') else 'reported'}), {when}"})
    rows = [{"label": _short(n, 34), "full": n, "y": top + row_h * i + row_h // 2, "line_y": top + row_h * (i + 1)}
            for i, n in enumerate(actors)]
    cols = [{"x": label_x[d], "label": d or "undated"} for d in columns]
    return {"width": width, "height": height, "rows": rows, "cols": cols, "marks": marks, "label_w": label_w,
            "top": top}


# Edge labels: 11px text is about this wide per character and this tall (style.css, svg.graph .edge-label).
LABEL_CHAR_W, LABEL_H = 7, 13


def _free_label_spot(x: int, y: int, chars: int, placed: list[tuple[int, int, int, int]]) -> tuple[int, int]:
    """The label spot nearest (x, y), moving down a line at a time, whose box overlaps no label placed so far."""
    half = chars * LABEL_CHAR_W // 2
    for step in range(0, 40):
        ty = y + step * LABEL_H
        box = (x - half, ty - LABEL_H, x + half, ty)
        if all(box[2] <= p[0] or box[0] >= p[2] or box[3] <= p[1] or box[1] >= p[3] for p in placed):
            placed.append(box)
            return x, ty
    placed.append((x - half, y - LABEL_H, x + half, y))
    return x, y


def graph(trail: dict) -> dict:
    """Nodes (actors and authorities) in layers: sources on the left, those who cite, repeat or deny them to the
    right; an edge per relation."""
    types: dict[str, str] = {}
    for e in trail["events"]:
        types.setdefault(e["actor"]["name"], e["actor"]["type"])
        for a in e.get("authority") or []:
            types.setdefault(a["name"], a["type"])
    for edge in trail["edges"]:
        types.setdefault(edge["from"], "unknown")
        types.setdefault(edge["to"], "unknown")
    out_edges: dict[str, list[str]] = {n: [] for n in types}
    for edge in trail["edges"]:
        out_edges[edge["from"]].append(edge["to"])
    layer: dict[str, int] = {}

    def depth(node: str, seen: frozenset) -> int:
        if node in layer:
            return layer[node]
        ups = [t for t in out_edges[node] if t not in seen]
        value = 0 if not ups else 1 + max(depth(t, seen | {node}) for t in ups)
        layer[node] = value
        return value

    for node in types:
        depth(node, frozenset())
    node_w, node_h, gap_x, gap_y, pad = 210, 36, 90, 22, 14
    by_layer: dict[int, list[str]] = {}
    for node in types:
        by_layer.setdefault(layer[node], []).append(node)
    pos = {}
    for lx, names in by_layer.items():
        for j, name in enumerate(names):
            pos[name] = (pad + lx * (node_w + gap_x), pad + j * (node_h + gap_y))
    nodes = [{"x": x, "y": y, "w": node_w, "h": node_h, "label": _short(n, 28), "full": n, "type": types[n],
              "tx": x + 10, "ty": y + node_h // 2 + 5} for n, (x, y) in pos.items()]
    edges = []
    placed: list[tuple[int, int, int, int]] = []  # edge-label boxes so far: labels never overlap
    for edge in trail["edges"]:
        (fx, fy), (tx, ty) = pos[edge["from"]], pos[edge["to"]]
        if fx > tx:  # the usual direction: from the later actor (right) to its source (left)
            x1, x2 = fx, tx + node_w
        elif fx < tx:
            x1, x2 = fx + node_w, tx
        else:
            x1, x2 = fx + node_w, tx + node_w
        y1, y2 = fy + node_h // 2, ty + node_h // 2
        lx, ly = _free_label_spot((x1 + x2) // 2, (y1 + y2) // 2 - 4, len(edge["type"]), placed)
        edges.append({"x1": x1, "y1": y1, "x2": x2, "y2": y2, "type": edge["type"],
                      "lx": lx, "ly": ly, "from": edge["from"], "to": edge["to"]})
    width = pad * 2 + (max(by_layer) + 1) * (node_w + gap_x) - gap_x if by_layer else 100
    height = pad * 2 + max(len(v) for v in by_layer.values()) * (node_h + gap_y) if by_layer else 60
    height = max([height] + [e["ly"] + pad for e in edges])  # a label moved down stays inside
    return {"width": width, "height": height, "nodes": nodes, "edges": edges}
