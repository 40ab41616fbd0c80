import random

from helpers import run_cli

from newstrace.reuse import align, find_links, fingerprint

BASE = [
    "The port authority of Saltmere voted on Tuesday to extend the night shift at North Harbor after a month of "
    "delays, its chair said, adding that the cost would be covered by higher fees for the largest container lines. "
    "Dock workers welcomed the decision but said the union would ask for a review of safety rules before the summer. "
    "Shipping companies, which had warned of congestion since the spring, said they would study the new fee schedule "
    "and reply to the authority within two weeks. The chair said the extension would last at least until December.",
    "A storm that crossed the northern islands overnight cut power to eleven thousand homes and closed the ferry line "
    "to the mainland for the whole of Wednesday, the regional government said. Crews restored electricity to most "
    "villages by the evening, but schools on the two largest islands will stay closed on Thursday. Farmers reported "
    "damage to greenhouses and fences, and the coast guard rescued two fishermen whose boat lost its engine near the "
    "lighthouse. Forecasters expect calmer weather from Friday, with strong winds returning early next week.",
    "The city library will open on Sundays from next month after the council approved a budget increase for "
    "cultural services, the mayor announced. The change adds forty hours of opening time each month and four new "
    "jobs. Readers had collected more than three thousand signatures asking for weekend hours, and the library's "
    "director said visits had risen every year since the reading room was renovated. The council also voted to keep "
    "museum entry free for children and students for another two years, despite objections from the opposition.",
]
HOUSE_FOOTER = (" This article is published under the usual terms of the Saltmere Daily Courier and may not be "
                "reproduced without permission from the editors of the paper and its owners.")


def edited(text: str, seed: int, share: float = 0.1) -> str:
    rng = random.Random(seed)
    words = text.split()
    for i in range(len(words)):
        if rng.random() < share:
            words[i] = rng.choice(["reportedly", "officials", "local", "new"])
    return "WIRE COPY - distributed by Bay Wire\n" + " ".join(words)


def links_for(texts: dict[str, str], dates: dict[str, str], outlets: dict[str, str] | None = None):
    prints = [fingerprint(k, v) for k, v in texts.items()]
    meta = {k: {"id": k, "published": dates[k], "outlet": (outlets or {}).get(k)} for k in texts}
    return find_links(prints, texts.__getitem__, meta,
                      articles_with=lambda passage: sum(passage in t for t in texts.values()))


def test_reprint_with_ten_percent_edits_is_found_and_directed_by_date():
    texts = {f"orig{i}": t for i, t in enumerate(BASE)}
    texts.update({f"copy{i}": edited(t, i) for i, t in enumerate(BASE)})
    dates = {k: ("2024-03-02" if k.startswith("copy") else "2024-03-01") for k in texts}
    links = links_for(texts, dates)
    assert sorted((l.source, l.target, l.type) for l in links) == [
        (f"orig{i}", f"copy{i}", "reprint") for i in range(len(BASE))]
    assert all(l.passages and 0.6 <= l.overlap <= 1 for l in links)


def test_same_outlet_boilerplate_is_not_reuse():
    texts = {f"a{i}": t + HOUSE_FOOTER for i, t in enumerate(BASE)}
    assert links_for(texts, {k: "2024-03-01" for k in texts}) == []
    two = {"a0": texts["a0"], "a1": texts["a1"]}  # too few articles to call it boilerplate, but one outlet
    assert links_for(two, {k: "2024-03-01" for k in two}, {k: "Saltmere Daily Courier" for k in two}) == []


def test_a_shared_part_under_half_is_shares_passages():
    # LSH finds pairs by overall similarity: a rewrite that keeps some 40% of the original's text is found; a
    # single shared sentence in two long articles may not be (see README, reuse).
    quote = ("The fund never made a formal offer for the terminal, and the authority's board has no plan to discuss "
             "a sale of public land at its meeting this week, the spokesperson said in a written statement.")
    texts = {"x": quote + " " + BASE[0] + " " + BASE[2][:100], "y": quote + " " + BASE[0] + " " + BASE[1] + " " + BASE[2][150:]}
    (link,) = links_for(texts, {"x": "2024-03-01", "y": "2024-03-05"})
    assert (link.source, link.target, link.type) == ("x", "y", "shares-passages")
    p = link.passages[0]
    assert texts["x"][p.from_start:p.from_end].startswith("The fund never made")
    assert texts["y"][p.to_start:p.to_end].startswith("The fund never made")


def test_align_empty():
    assert align("", "words here") == (0.0, [])


def test_reuse_command_after_ingest(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for i, text in enumerate(BASE):
        body = "".join(f"<p>{s}.</p>" for s in text.split(". "))
        (folder / f"orig{i}.html").write_text(
            f"<html><head><title>Story {i}</title><meta property='article:published_time' content='2024-03-01'></head>"
            f"<body><article><h1>Story {i}</h1>{body}</article></body></html>")
    copy = "".join(f"<p>{s}.</p>" for s in edited(BASE[0], 7).split(". "))
    (folder / "copy0.html").write_text(
        "<html><head><title>Wire copy</title><meta property='article:published_time' content='2024-03-03'></head>"
        f"<body><article><h1>Wire copy</h1>{copy}</article></body></html>")
    db = tmp_path / "n.db"
    run = run_cli("ingest", str(folder), "--db", str(db))
    assert run.returncode == 0, run.stderr
    import json

    links = [json.loads(line) for line in run_cli("reuse", "--db", str(db)).stdout.splitlines()]
    assert len(links) == 1 and links[0]["type"] == "reprint"
