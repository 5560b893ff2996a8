"""The rule packs: they load, every rule is documented, and a broken pack fails clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.errors import RuleError
from cleaner.rules import CHROME_LANGUAGE, LANGUAGES, load_builtin, load_rules
from cleaner.stages import STAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_builtin_packs_load(lang: str) -> None:
    rules = load_builtin(lang)
    assert rules.rules
    for rule in rules.rules:
        assert rule.note, rule.id
        assert rule.id.split(".")[0] in ("common", lang, CHROME_LANGUAGE), rule.id
    assert rules.packs[:2] == ("common", lang)
    assert rules.packs.count(CHROME_LANGUAGE) == 1  # English chrome rules under every language


def _write(tmp_path: Path, body: str) -> str:
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    return str(path)


GOOD = """
[[rule]]
id = "x.promo.one"
stage = "drop_cross_promotion"
pattern = "Promo .+"
note = "why"
"""

BAD_PACKS = [
    ("bad pattern", GOOD.replace('"Promo .+"', '"Promo (unclosed"'), "pattern does not compile"),
    ("duplicate id", GOOD + GOOD, "duplicate id"),
    ("unknown key", GOOD.replace('note = "why"', 'note = "why"\ncolour = "red"'), "unknown key"),
    ("unknown stage", GOOD.replace("drop_cross_promotion", "drop_everything"), "unknown stage"),
    ("missing note", GOOD.replace('note = "why"', ""), "missing or empty 'note'"),
    ("bad id", GOOD.replace("x.promo.one", "Promo"), "id must look like"),
    ("empty match", GOOD.replace('"Promo .+"', '"x*"'), "matches the empty string"),
    ("bad where", GOOD.replace('note = "why"', 'note = "why"\nwhere = "middle"'), "'where'"),
    ("not toml", "[[rule]\n", "not valid TOML"),
]


@pytest.mark.parametrize(("label", "body", "message"), BAD_PACKS, ids=[b[0] for b in BAD_PACKS])
def test_broken_pack_names_file_and_rule(
    tmp_path: Path, label: str, body: str, message: str
) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(RuleError) as err:
        load_rules(("common", path), STAGES)
    assert message in str(err.value)
    assert "bad.toml" in str(err.value)


def test_duplicate_of_builtin_id_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("x.promo.one", "id.read_also.baca_juga"))
    with pytest.raises(RuleError, match="duplicate id"):
        load_rules(("common", "id", path), STAGES)


def test_user_pack_rule_fires(tmp_path: Path) -> None:
    from cleaner import Config, Pipeline

    path = _write(tmp_path, GOOD)
    pipe = Pipeline(Config(lang="id", rules=(path,)))
    body = "Paragraf ini cukup panjang untuk dianggap sebagai badan berita oleh pembersih kita."
    result = pipe.run(f"{body}\nPromo hari ini diskon besar\n")
    assert result.text == body + "\n"
    assert result.metadata["removed"][0]["rule"] == "x.promo.one"


def test_a_span_rule_that_can_match_nothing_at_the_line_end_cuts_nothing(tmp_path: Path) -> None:
    # The load check refuses a pattern that matches "", but one that matches nothing only after a
    # sentence's end passes it: the cut loop must stop at the line's end, not spin there.
    pattern = r'"(?<=[.])\\s*(?:Promo .+)?$"'
    pack = GOOD.replace('"Promo .+"', pattern) + 'match = "span"\n'
    from cleaner import Config, Pipeline

    pipe = Pipeline(Config(lang="id", rules=(_write(tmp_path, pack),)))
    body = "Paragraf ini cukup panjang untuk dianggap sebagai badan berita oleh pembersih kita."
    other = "Paragraf kedua juga cukup panjang agar keduanya dianggap sebagai badan berita."
    result = pipe.run(f"{body}\n{other} Lalu hari ini.\n")
    assert result.text == f"{body}\n{other} Lalu hari ini.\n"
    assert result.metadata["removed"] == []


@pytest.mark.parametrize("stage", ["drop_figures", "drop_cross_promotion"])
def test_a_rule_fires_only_where_its_where_says(tmp_path: Path, stage: str) -> None:
    # Every stage that applies pack rules honours `where`, the figure stage included.
    pack = GOOD.replace("drop_cross_promotion", stage).replace('"Promo .+"', '"Gambar .+"')
    from cleaner import Config, Pipeline

    pipe = Pipeline(Config(lang="id", rules=(_write(tmp_path, pack + 'where = "tail"\n'),)))
    body = "Paragraf ini cukup panjang untuk dianggap sebagai badan berita oleh pembersih kita."
    other = "Paragraf kedua juga cukup panjang agar keduanya dianggap sebagai badan berita utuh."
    result = pipe.run(f"{body}\nGambar gedung di tengah\n{other}\nGambar gedung di ujung\n")
    assert result.text == f"{body}\nGambar gedung di tengah\n{other}\n"
    assert [r["rule"] for r in result.metadata["removed"]] == ["x.promo.one"]


def test_unknown_language() -> None:
    with pytest.raises(RuleError, match="unknown language"):
        load_builtin("fr")


def test_site_packs_load_and_are_scoped() -> None:
    from cleaner.rules import site_packs

    sites = [site for site, _, _ in site_packs()]
    assert sites
    for site in sites:
        rules = load_builtin("id", (), (site,))
        own = [r for r in rules.rules if r.source.endswith(f"sites/{site}.toml")]
        assert own, site
        for rule in own:
            assert rule.id.startswith(f"{site}."), rule.id
            assert rule.note


@pytest.mark.parametrize(
    ("text", "hint", "sites"),
    [
        ("... TJP Documentaries: When The Music's Over", "", ("thejakartapost",)),
        ("KUPANG, KOMPAS.com - Jenazah ...", "", ("kompas",)),
        ("Tonton di RCTI setiap hari.", "", ("mnc",)),
        ("Seoul (ANTARA) - Pemimpin Korea Utara ...", "", ()),
        ("Pemimpin Korea Utara ...", "okezone/2024", ("mnc",)),
    ],
)
def test_detect_sites(text: str, hint: str, sites: tuple[str, ...]) -> None:
    from cleaner.rules import detect_sites

    assert detect_sites(text, hint) == sites


def test_site_rules_apply_only_to_their_site() -> None:
    from cleaner import Config, Pipeline

    body = "The government said the new rules would apply to all platforms operating in the country from next month."
    promo = "TJP Documentaries: When The Music's Over"
    pipe = Pipeline(Config(lang="en"))
    assert promo not in pipe.run(f"{body} {promo}\n").text
    assert (
        "Starting from IDR 55,500/month"
        in pipe.run(f"{body} Starting from IDR 55,500/month\n").text
    )


def _fixture_texts() -> list[str]:
    """Every seed, annotated article and case-table input, whole."""
    import json

    from tests.helpers import CASES_DIR, EVAL_DIR, SEEDS_DIR

    texts = [
        path.read_text(encoding="utf-8", errors="replace")
        for path in [*SEEDS_DIR.glob("*.txt"), *EVAL_DIR.glob("*/*/*.txt")]
    ]
    for table in CASES_DIR.glob("*.json"):
        texts += [case["input"] for case in json.loads(table.read_text(encoding="utf-8"))["cases"]]
    return texts


def test_needs_prefilters_lose_no_match() -> None:
    """A rule's `needs` only skips lines it could not match: checked on every line of every fixture
    and case table, for every rule (line or span) that declares it; and a site pack's `needs` only
    skip texts its `detect` pattern does not match."""
    from cleaner.html import RULES as HTML_RULES
    from cleaner.rules import all_rule_ids, fold, may_contain, site_packs
    from cleaner.text import normalize_space

    sites = tuple(site for site, _, _ in site_packs())
    rules = {r.id: r for lang in LANGUAGES for r in load_builtin(lang, (), sites).rules}
    # Every registered id is a pack rule (a regex) or an HTML rule (code judging elements: no
    # pattern, no needs, skipped here).
    assert set(rules) | set(HTML_RULES) == set(all_rule_ids())
    texts = _fixture_texts()
    lines = [normalize_space(x) for text in texts for x in text.splitlines()]
    checked = 0
    for rule_id in sorted(all_rule_ids()):
        rule = rules.get(rule_id)
        if rule is None or not rule.needs:
            continue
        find = rule.regex.search if rule.match == "span" else rule.regex.fullmatch
        for line in lines:
            if find(line):
                checked += 1
                assert rule.may_match(fold(line)), (rule.id, line[:120])
    for site, pattern, needs in site_packs():
        assert needs, f"site pack {site} declares no needs"
        for text in texts:
            if pattern.search(text):
                checked += 1
                assert may_contain(needs, fold(text)), (site, pattern.search(text))
    assert checked > 0


def test_fold_writes_every_case_insensitive_match_of_a_need_letter_as_that_letter() -> None:
    """`needs` are looked for in `fold(text)`. A case-insensitive pattern also matches characters
    that `str.lower` alone does not map onto the letter the pattern names (`İ`, `ı` for `i`, `ſ` for
    `s`): `fold` must write each of them as that letter, or a text the pattern would match could be
    skipped. Checked for every character of every need of every rule and site pack, against every
    code point."""
    import re
    import sys

    from cleaner.rules import fold, site_packs

    sites = tuple(site for site, _, _ in site_packs())
    chars = {
        ch
        for lang in LANGUAGES
        for rule in load_builtin(lang, (), sites).rules
        for need in rule.needs
        for ch in need
    } | {ch for _, _, found in site_packs() for need in found for ch in need}
    assert {"i", "s", "k"} <= chars
    strays = {}
    for ch in sorted(chars):
        same = re.compile(re.escape(ch), re.IGNORECASE)
        for cp in range(sys.maxunicode + 1):
            c = chr(cp)
            if same.fullmatch(c) and fold(c) != ch:
                strays[c] = ch
    assert not strays, strays


def test_scanner_finds_exactly_the_rules_that_match() -> None:
    """A stage's Scanner (the joined alternation, the needs) gives, for every line of every
    fixture and case table at every position, exactly the rules that match it one by one."""
    from cleaner.document import Document
    from cleaner.rules import site_packs
    from cleaner.stages.base import ANYWHERE, IN_BODY, IN_HEAD, IN_TAIL, Scanner
    from cleaner.text import normalize_space

    sites = tuple(site for site, _, _ in site_packs())
    lines = sorted({normalize_space(x) for text in _fixture_texts() for x in text.splitlines()})
    for lang in LANGUAGES:
        ruleset = load_builtin(lang, (), sites)
        for stage in STAGES:
            scanner = Scanner(ruleset.for_stage(stage))
            doc = Document(id="scanner", raw="")
            for where in (IN_BODY, IN_HEAD, IN_TAIL, ANYWHERE):
                for line in lines:
                    expected = tuple(
                        rule
                        for rule in scanner.rules
                        if rule.where in where
                        and (rule.regex.search if rule.match == "span" else rule.regex.fullmatch)(
                            line
                        )
                        and rule.may_match(line.lower())
                    )
                    assert scanner.hits(doc, line, where) == expected, (stage, line[:80])


def test_alternative_rewrites_only_what_it_can() -> None:
    import re

    from cleaner.stages.base import alternative

    assert alternative(re.compile(r"(?i)ab|c")) == "(?i:ab|c)"
    assert alternative(re.compile(r"(?P<x>a)|b")) == "(?:(?:a)|b)"
    # An escaped bracket made optional before a group is not a conditional group `(?(`.
    assert alternative(re.compile(r"\(?(?P<x>a)")) == r"(?:\(?(?:a))"
    assert alternative(re.compile(r"a\\1")) == r"(?:a\\1)"
    for pattern in (
        r"\(?P<x>a",
        r"(?P<x>a)(?P=x)",
        r"(a)\1",
        r"(a)?(?(1)b|c)",
        r"(?x)a b",
        r"[(?P<]",
    ):
        assert alternative(re.compile(pattern)) is None, pattern


def test_searcher_finds_what_search_finds() -> None:
    """A span rule's `searcher` (which skips ahead to where a pattern opening with a lookbehind
    may start) gives, on every line of every fixture and case table, the match `search` gives:
    the same span and groups. And it skips ahead only for such patterns without a top-level `|`."""
    import re

    from cleaner.rules import site_packs
    from cleaner.stages.base import searcher
    from cleaner.text import normalize_space

    sites = tuple(site for site, _, _ in site_packs())
    lines = sorted({normalize_space(x) for text in _fixture_texts() for x in text.splitlines()})
    lines += ["a. (ab)", ".(ab)", "(ab)", "x.\u201d (ab/cd)  ", "Ini. Baca juga: Judul Lain"]
    spans = {
        rule.regex
        for lang in LANGUAGES
        for rule in load_builtin(lang, (), sites).rules
        if rule.match == "span"
    }
    skipping = {regex.pattern for regex in spans if searcher(regex) != regex.search}
    assert len(skipping) >= 5
    for regex in spans:
        search = searcher(regex)
        for line in lines:
            expected, found = regex.search(line), search(line)
            assert (found and (found.span(), found.groupdict())) == (
                expected and (expected.span(), expected.groupdict())
            ), (regex.pattern, line[:80])
    for pattern in (r"(?<=[.])a|b", r"(?<=a)b", r"(?x)(?<=[.]) a", r"x(?<=[.])a"):
        assert searcher(re.compile(pattern)) == re.compile(pattern).search, pattern
    assert searcher(re.compile(r"(?<=[.|])(?:a|b)(c)")) != re.compile(r"(?<=[.|])(?:a|b)(c)").search
