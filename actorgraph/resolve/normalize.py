"""Name normalisation: Unicode folding, Cyrillic transliteration, titles and honorifics, person
name parts (Mongolian patronymic initials, swapped order, hyphenated given names) and the exact
match keys the resolver indexes on."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from actorgraph.core.kb.countries import code_for_demonym, code_for_name
from actorgraph.core.kb.lexicon import titles

CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ү": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "є": "ye",
    "і": "i",
    "ї": "yi",
    "ґ": "g",
    "ә": "a",
    "ғ": "g",
    "қ": "k",
    "ң": "ng",
    "ұ": "u",
    "һ": "h",
}
PUNCT = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)

# Honorifics, titles and ranks stripped from the front of a person's name, and the words that
# may follow a title inside it ("Minister of Foreign Affairs ..."): one list with nlp/, in
# core/kb/en/titles.txt.
TITLE_WORDS = titles().words
TITLE_GLUE = frozenset(titles().glue)
STOPWORDS = frozenset({"the", "of", "and", "for", "&", "de", "du", "des", "la", "le", "on", "in"})
SPELLING = {
    "organisation": "organization",
    "defence": "defense",
    "programme": "program",
    "centre": "center",
    "armour": "armor",
    "labour": "labor",
    "honour": "honor",
}
# Words that make two otherwise similar names different actors.
DISTINGUISHING = frozenset(
    """
north south east west inner outer new old upper lower central northern southern eastern western
greater little ground maritime air naval navy army marine marines space coast rocket special
first second third fourth fifth
""".split()
)
COMMON_WORDS = frozenset(
    """
army navy government ministry council forces force police parliament committee office agency state
military command group union department embassy party court bank university institute
""".split()
)
GENITIVE = re.compile(r"(?<=[a-z]{4})(?:giin|iin|yn)$")
YEAR = re.compile(r"(?:^|[\s\-_/'])((?:19|20)\d{2})$")
INITIAL_GLUED = re.compile(r"\b([A-Za-z]{1,2})\.(?=[A-Za-z]{2})")


@lru_cache(maxsize=262144)
def country_code(text: str) -> str | None:
    """ISO3 for a country name, alias or demonym (cached lookup)."""
    return code_for_name(text) or code_for_demonym(text)


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """ASCII text: Cyrillic transliterated, accents and curly quotes removed, spaces collapsed."""
    if text.isascii():
        return " ".join(text.split())
    text = text.translate(PUNCT)
    if any("\u0400" <= ch <= "\u04ff" for ch in text):
        out = []
        for ch in text:
            low = ch.lower()
            if low in CYRILLIC:
                rep = CYRILLIC[low]
                out.append(rep.capitalize() if ch != low else rep)
            else:
                out.append(ch)
        text = "".join(out)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=262144)
def variant(token: str) -> str:
    """One spelling for common romanisation variants: kh/h, zh/j, y/i, doubled letters."""
    t = token.lower().replace("-", "").replace("'", "").replace(".", "")
    t = t.replace("dzh", "j").replace("zh", "j").replace("kh", "h").replace("ph", "f")
    t = t.replace("y", "i").replace("x", "ks")
    return re.sub(r"(.)\1+", r"\1", t)


def slug(text: str, limit: int = 60) -> str:
    """Lower-case ASCII words joined by hyphens (an id part)."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")
    if len(s) > limit:
        s = s[:limit].rstrip("-")
    return s


def _words(text: str) -> list[str]:
    return [w for w in fold(text).split(" ") if w]


@lru_cache(maxsize=262144)
def strip_titles(name: str) -> str:
    """The name without leading honorifics, titles, ranks and country words ("Russian Ambassador
    Alexei Evsikov" -> "Alexei Evsikov"); never strips the name to nothing."""
    name = re.sub(r"['\u2019]s$", "", name.strip())
    words = _words(name)
    i, stripped = 0, False
    while i < len(words) - 1:
        w = words[i].lower().replace(".", "").strip(",")
        if w in TITLE_WORDS:
            stripped = True
        elif stripped and (w in TITLE_GLUE or country_code(w)):
            pass
        elif (
            (country_code(w))
            and i + 1 < len(words) - 1
            and words[i + 1].lower().strip(".,") in TITLE_WORDS
        ):
            pass
        elif w.endswith("'s") and country_code(w[:-2]):
            pass
        else:
            break
        i += 1
    return " ".join(words[i:]).strip(" ,")


def person_parts(name: str) -> tuple[tuple[str, ...], str, str]:
    """``(initials, given, family)`` of a person's name, lower-case ASCII.

    "B. Battsetseg" -> (("b",), "battsetseg", ""): the patronymic is known only by its initial.
    Two or more full words: the last is ``family`` and the others ``given``, in the order written
    (Mongolian order "Batmunkh Battsetseg" puts the patronymic first; the matcher ignores order).
    Hyphenated given names stay one word ("munkh-erdene").
    """
    text = INITIAL_GLUED.sub(r"\1. ", strip_titles(name))
    initials: list[str] = []
    full: list[str] = []
    for raw in text.split(" "):
        word = raw.strip(',;:()[]"').lower()
        letters = re.sub(r"[^a-z]", "", word)
        if not letters:
            continue
        if len(letters) == 1 or (word.endswith(".") and len(letters) <= 2):
            initials.append(letters)
        else:
            full.append(re.sub(r"[^a-z\-']", "", word).strip("-'"))
    full = [f for f in full if f]
    if initials or len(full) <= 1:
        return tuple(initials), " ".join(full), ""
    return tuple(initials), " ".join(full[:-1]), full[-1]


@lru_cache(maxsize=262144)
def person_tokens(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(initials, full words)`` in variant spelling, for matching."""
    initials, given, family = person_parts(name)
    words = [w for w in (given.split(" ") + [family]) if w]
    if len(words) >= 2:  # Mongolian patronymic in the genitive: "Ukhnaagiin" = "Ukhnaa"
        words = [GENITIVE.sub("", w) if len(w) >= 7 else w for w in words[:-1]] + words[-1:]
    return tuple(variant(i) for i in initials), tuple(variant(w) for w in words if variant(w))


@lru_cache(maxsize=65536)
def series(name: str) -> tuple[str, str | None]:
    """An exercise name split into series and edition year: "Steppe Partner-2024" ->
    ("Steppe Partner", "2024"); "Khaan Quest" -> ("Khaan Quest", None)."""
    text = fold(name).strip(" -")
    m = YEAR.search(text)
    if not m:
        return text, None
    return text[: m.start(1)].strip(" -_/'"), m.group(1)


def _country_words(words: list[str]) -> list[str]:
    """Replace country names and demonyms (up to four words) by their ISO3 code."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(4, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + n])
            code = country_code(phrase)
            if code:
                out.append(code.lower())
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


@lru_cache(maxsize=262144)
def org_tokens(name: str) -> tuple[str, ...]:
    """Words of an organisation/force name: folded, spelling unified, stopwords dropped, country
    names and demonyms as ISO3 codes, in the order written."""
    text = fold(name).lower().replace("'s ", " ").replace("'", "")
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"\b([a-z])\.", r"\1", text)
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    words = [SPELLING.get(w, w) for w in words]
    words = _country_words(words)
    return tuple(w for w in words if w not in STOPWORDS)


def letters_in(text: str) -> int:
    """How many ASCII letters or digits a name has once folded."""
    return len(re.sub(r"[^A-Za-z0-9]", "", fold(text)))


@lru_cache(maxsize=262144)
def name_key(name: str, actor_type: str) -> str:
    """The exact-match key of a name for its type ("" when the name carries no information).

    PERSON: sorted variant words plus initials ("battsetseg batmunkh" == "batmunkh battsetseg");
    STATE: the ISO3 code when the name is a country, name, demonym or capital; EXERCISE: series
    words and edition; others: sorted organisation words.
    """
    if letters_in(name) < 2:
        return ""
    if actor_type == "PERSON":
        initials, words = person_tokens(name)
        if not words and not initials:
            return ""
        key = " ".join(sorted(words))
        return f"{key}|{''.join(sorted(initials))}" if initials else key
    if actor_type == "STATE":
        from actorgraph.core.kb.countries import code_for

        code = code_for(fold(name))
        if code:
            return code.lower()
        return " ".join(org_tokens(name))
    if actor_type == "EXERCISE":
        base, year = series(name)
        parts = [variant(w) for w in re.split(r"[^A-Za-z0-9]+", base) if w]
        key = " ".join(w for w in parts if w)
        return f"{key} {year}".strip() if year else key
    return " ".join(sorted(org_tokens(name)))


def initials_acronyms(name: str) -> list[str]:
    """Acronyms a name of three or more significant words could go by: "Korea Internet and
    Security Agency" -> ["kisa"]; a leading country word may be left out ("China's National
    Immigration Administration" -> ["cnia", "nia"])."""
    text = fold(name).lower().replace("'s ", " ")
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w and w not in STOPWORDS]
    out = []
    if len(words) >= 3:
        out.append("".join(w[0] for w in words))
    if len(words) >= 4 and country_code(words[0]):
        out.append("".join(w[0] for w in words[1:]))
    return out


def is_acronym(name: str) -> bool:
    """ "SCO", "PLA", "U.N." look like acronyms (2-8 capitals, no lower-case letters)."""
    bare = fold(name).replace(".", "").replace("&", "").strip()
    return 2 <= len(bare) <= 8 and bare.isalnum() and bare.upper() == bare and not bare.isdigit()


def acronym_key(name: str) -> str:
    """The comparable form of an acronym ("U.N." -> "un")."""
    return re.sub(r"[^a-z0-9]", "", fold(name).lower())


def low_information(words: tuple[str, ...]) -> bool:
    """Too short or too common to merge on string similarity alone."""
    letters = sum(len(w) for w in words)
    if letters < 4:
        return True
    return len(words) == 1 and (words[0] in COMMON_WORDS or len(words[0]) < 4)
