"""Words per second of ``Extractor.extract_many`` against bare ``nlp.pipe`` with the same model
on the same texts (the sample corpus repeated to a few hundred articles).

Run: ``python benchmarks/bench_extract.py [--articles 300]``. Prints both rates and their ratio
(the target in issue 3 is a ratio of at least 0.8).
"""

from __future__ import annotations

import argparse
import time
from importlib import resources
from pathlib import Path

import spacy

from actorgraph.core.records import Article
from actorgraph.core.settings import Settings
from actorgraph.nlp import Extractor


def sample_texts() -> list[tuple[str, str]]:
    """(published, text) of every sample article (front matter stripped, paragraphs joined)."""
    folder = Path(str(resources.files("actorgraph.sample").joinpath("articles")))
    out = []
    for path in sorted(folder.glob("*.md")):
        raw = path.read_text("utf-8")
        published = ""
        body = raw
        if raw.startswith("---"):
            _, front, body = raw.split("---", 2)
            for line in front.splitlines():
                if line.startswith("published:") or line.startswith("date:"):
                    published = line.split(":", 1)[1].strip()
        paragraphs = [p.strip() for p in body.strip().split("\n\n") if p.strip()]
        out.append((published, "\n\n".join(paragraphs)))
    if not out:
        raise SystemExit(f"no sample articles under {folder}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    base = sample_texts()
    items = [base[i % len(base)] for i in range(args.articles)]
    texts = [t for _, t in items]
    words = sum(len(t.split()) for t in texts)
    settings = Settings()

    bare = spacy.load(settings.model)
    extractor = Extractor(settings)
    list(bare.pipe(texts[:8]))  # warm up both
    list(extractor.extract_many([_article(i, *items[i]) for i in range(8)]))

    articles = [_article(i, p, t) for i, (p, t) in enumerate(items)]
    bare_s = ours_s = float("inf")
    mentions = events = 0
    for _ in range(args.rounds):  # interleaved rounds, best of each: less noise from other load
        start = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=args.batch_size):
            pass
        bare_s = min(bare_s, time.perf_counter() - start)
        start = time.perf_counter()
        mentions = events = 0
        for extraction in extractor.extract_many(articles, batch_size=args.batch_size):
            mentions += len(extraction.mentions)
            events += len(extraction.events)
        ours_s = min(ours_s, time.perf_counter() - start)

    print(f"articles: {len(texts)}  words: {words}  (model {settings.model})")
    print(f"bare nlp.pipe:            {words / bare_s:10.0f} words/s  ({bare_s:.1f} s)")
    print(
        f"Extractor.extract_many:   {words / ours_s:10.0f} words/s  ({ours_s:.1f} s; "
        f"{mentions} mentions, {events} events)"
    )
    print(f"ratio extract/bare:       {bare_s / ours_s:10.2f}")


def _article(i: int, published: str, text: str) -> Article:
    return Article(
        id=f"b{i}",
        url=f"bench:{i}",
        title="",
        text=text,
        outlet="bench",
        published=published or None,
        content_hash="",
        source="bench",
        via="file",
    )


if __name__ == "__main__":
    main()
