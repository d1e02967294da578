"""The model's rule lemmatizer, asked once per (word, part of speech, morphology).

spaCy's ``Lemmatizer`` already caches its rule lemmas under that key, but walks every token in
Python to look them up. This component reads the doc's arrays once, asks the model's lemmatizer
only for combinations it has not seen, and writes the lemmas back in one call. Lemmas are
exactly the model's (``tests/test_nlp_components.py`` compares them token by token).
"""

from __future__ import annotations

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc


class CachedLemmatizer:
    """Sets ``token.lemma`` as ``lemmatizer`` would (a rule- or lookup-mode Lemmatizer)."""

    def __init__(self) -> None:
        self.model: Lemmatizer | None = None
        self.cache: dict[tuple[int, int, int], int] = {}

    def use(self, model: Lemmatizer) -> None:
        self.model = model
        self.cache.clear()

    def __call__(self, doc: Doc) -> Doc:
        model = self.model
        if model is None or not len(doc):
            return doc
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        rows = array.tolist()
        strings, cache = doc.vocab.strings, self.cache
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not model.overwrite:
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = cache[key] = strings.add(model.lemmatize(doc[i])[0])
            array[i, 3] = value
        doc.from_array([LEMMA], array[:, 3:])  # type: ignore[arg-type]
        return doc


@Language.factory("actorgraph_lemmatizer")
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer()


def replace_lemmatizer(nlp: Language) -> None:
    """Swap the model's ``lemmatizer`` for the cached one around it (rule or lookup mode)."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    model = nlp.get_pipe("lemmatizer")
    if not isinstance(model, Lemmatizer) or model.mode not in ("rule", "lookup"):
        return
    if not model._validated:  # noqa: SLF001 - spaCy checks its tables on first use
        model._validate_tables()  # noqa: SLF001
    nlp.replace_pipe("lemmatizer", "actorgraph_lemmatizer").use(model)  # type: ignore[attr-defined]
