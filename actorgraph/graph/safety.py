"""Read-only check for user Cypher: tokenise (string literals, back-quoted names and comments
removed), then refuse write clauses unless the caller allowed writes."""

from __future__ import annotations

import re

from actorgraph.core.errors import QueryError

WRITE_WORDS = frozenset(
    {
        "CREATE",
        "MERGE",
        "SET",
        "DELETE",
        "DETACH",
        "REMOVE",
        "DROP",
        "LOAD",
        "COPY",
        "ALTER",
        "INSTALL",
        "UNINSTALL",
        "IMPORT",
        "EXPORT",
        "ATTACH",
        "FOREACH",
        "CHECKPOINT",
        "BEGIN",
        "COMMIT",
        "ROLLBACK",
        "GRANT",
        "REVOKE",
        "DENY",
        "TERMINATE",
        "COMMENT",
        "ANALYZE",
        "UPDATE",
    }
)
# A read-only statement must start with one of these (allow-list; Ladybug also runs user reads on
# a read-only connection, Neo4j in a READ session, so the engine is the last word).
READ_STARTERS = frozenset(
    {"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL", "USE", "EXPLAIN", "PROFILE"}
)
# Procedures that only read (CALL anything else is treated as a possible write).
READ_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
        "show_tables",
        "table_info",
        "show_connection",
        "show_functions",
        "current_setting",
        "db_version",
    }
)

_TOKEN = re.compile(
    r"""(?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
      |(?P<quoted>`(?:[^`]|``)*`)
      |(?P<comment>//[^\n]*|/\*.*?\*/)
      |(?P<word>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
      |(?P<other>\S)""",
    re.VERBOSE | re.DOTALL,
)


def tokens(cypher: str) -> list[str]:
    """Words and punctuation outside literals and comments (literals become ``'…'``)."""
    out: list[str] = []
    for m in _TOKEN.finditer(cypher):
        kind = m.lastgroup
        if kind == "comment":
            continue
        out.append("'…'" if kind == "string" else "`…`" if kind == "quoted" else m.group())
    return out


# After a variable (not after a clause keyword): punctuation that ends or combines an expression,
# and the words that may follow an expression.
_AFTER_VALUE = frozenset(",)]}.=<>+-*/%^|;")
_AFTER_VALUE_WORDS = frozenset(
    "AS ORDER BY LIMIT SKIP UNION RETURN WITH WHERE AND OR XOR NOT IS IN CONTAINS STARTS ENDS "
    "ASC ASCENDING DESC DESCENDING THEN ELSE END WHEN".split()
)


def _used_as_variable(word: str, nxt: str, bound: set[str]) -> bool:
    """A keyword-named variable bound earlier (``WITH 1 AS merge RETURN merge``): followed by
    what follows an expression, never by what a clause takes (a pattern, a name)."""
    if word not in bound:
        return False
    return nxt == "" or nxt in _AFTER_VALUE or nxt.upper() in _AFTER_VALUE_WORDS


def writes_in(cypher: str) -> list[str]:
    """The write clauses (or unknown procedures) a query contains, in order of appearance."""
    found: list[str] = []
    toks = tokens(cypher)
    bound: set[str] = set()  # variables bound so far (keywords are fine as their names)
    for i, tok in enumerate(toks):
        prev = toks[i - 1] if i else ""
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if tok[0].isalpha() or tok[0] == "_":
            if prev.upper() == "AS" or (prev in ("(", "[") and nxt in (":", ")", "]", "{")):
                bound.add(tok.upper())  # WITH x AS name, or a pattern's (name:Label)
                continue
        if prev in (".", "$", ":") or not (tok[0].isalpha() or tok[0] == "_"):
            continue  # property key, parameter, label/type or punctuation
        word = tok.upper()
        if _used_as_variable(word, nxt, bound):
            continue
        if word in WRITE_WORDS:
            found.append(word)
        elif word == "CALL":
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if nxt != "{" and nxt.lower() not in READ_PROCEDURES:
                found.append(f"CALL {nxt}".strip())
    return found


def check_statement(cypher: str, *, write: bool) -> None:
    """Raise :class:`QueryError` for an empty query, several statements, or (unless ``write``)
    a query that writes."""
    toks = tokens(cypher)
    while toks and toks[-1] == ";":
        toks.pop()
    if not toks:
        raise QueryError("empty query")
    if ";" in toks:
        raise QueryError("one statement at a time, please (found ';' inside the query)")
    if not write:
        found = writes_in(cypher)
        if found:
            raise QueryError(
                f"query writes to the store ({', '.join(dict.fromkeys(found))}); pass --write"
            )
        if toks[0].upper() not in READ_STARTERS:
            raise QueryError(
                f"query does not start like a read ({toks[0][:20]}); read-only queries start with "
                f"{', '.join(sorted(READ_STARTERS))}; pass --write"
            )
