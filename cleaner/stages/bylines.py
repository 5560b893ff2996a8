"""Drop bylines and sign-offs; record authors, editors, the byline date, initials and agencies.

    Laporan Wartawan Tribunnews.com, Mikael Dafit Adi Prasetyo     (byline: author, publisher)
    Fajar Nugraha • 12 September 2023 06:00                        (byline: author, published)
    Editor: Rizki Nugraha                                          (editor)
    (Rahman Asmardika)                                             (sign-off: author)
    kp/rs (AP, AFP, Reuters)                                       (sign-off: initials, agencies)

Runs after figures (a caption above the byline is gone) and before the dateline stage (a byline
line is short and must not be taken for the first paragraph). Bylines sit at the edges of the
article and sign-offs in its tail, so most rules carry `where = "head"`, `"tail"` or `"edge"`.

What each rule extracts is named by its groups: `author`, `editor`, `publisher`, `date` (must parse,
or the rule does not fire), `initials`, `agencies`, `source`. A `source` ("Sumber: ...") is an
agency only when it is exactly a wire agency's name ("Antara", not "Antara Foto" or "The
Telegraph"); writers and editors it credits in brackets ("Kompas.com (Penulis: Kontributor
Bandung, Agie Permadi | Editor: Dony Aprian)") are recorded as a byline's would be. A rule whose
id has the kind `signoff` also sets the sidecar's `signoff.text`.
"""

from __future__ import annotations

import re

from cleaner.document import Document
from cleaner.rules import Rule
from cleaner.stages.base import ANYWHERE, Context, Regions, candidates, cut_spans
from cleaner.text import NOT_A_NAME_RE, ends_sentence, word_count

STAGE = "drop_bylines"
ISSUER_RULE = "common.byline.issued_by"
BIO_RULE = "common.byline.author_bio"
CONTACT_RULE = "en.byline.bio_contact"
CODE_RULES = frozenset({ISSUER_RULE, BIO_RULE, CONTACT_RULE})
"""The rules this stage applies by its own code; the others are line and span rules."""
ISSUER_MAX_LINES = 4
"""A press release's issuers: one ministry, office or company a line, a few at most."""
ISSUER_MAX_WORDS = 12
_NAMES_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\bdan\b|\band\b)\s*")
_INITIALS_RE = re.compile(r"^[A-Za-z]{1,6}$")
_LIST_SPLIT_RE = re.compile(r"\s*(?:,|/|;|\bdan\b|\band\b)\s*")
_CREDIT_RE = re.compile(
    r"\b(?P<role>penulis|editor|penyunting|reporter)\s*:\s*"
    r"(?:kontributor(?:\s+\w+){1,3}\s*,\s*)?(?P<names>[^|()]+)",
    re.IGNORECASE,
)


def _names(value: str) -> list[str]:
    names = (n.strip(" .") for n in _NAMES_SPLIT_RE.split(value))
    return [n for n in names if n and not NOT_A_NAME_RE.fullmatch(n)]


def drop_bylines(doc: Document, ctx: Context) -> None:
    """Remove bylines, editor lines and closing sign-offs; record what they name."""
    for _, line, rule, _ in candidates(doc, ctx, STAGE, CODE_RULES):
        if rule.match == "span":
            cut_spans(doc, line, rule, STAGE, lambda _ln, r, m: _fill(doc, ctx, r, m))
            continue
        m = rule.fullmatch(line.text)
        if m and _record(doc, ctx, rule, m, check_only=True):
            _fill(doc, ctx, rule, m)
            doc.drop(line, STAGE, rule.id)
    _drop_issuers(doc, ctx)
    _drop_author_bio(doc, ctx)


def _drop_author_bio(doc: Document, ctx: Context) -> None:
    """A writer's bio as the article's last paragraph: it opens with the name of an author already
    recorded, or of the one the credit line right above it names (the credit goes too), or it
    gives the reader the writer's accounts ("Follow him on Twitter"; the name is then recorded)."""
    rule = ctx.rule(STAGE, BIO_RULE)
    live = doc.live()
    if rule is None or len(live) < 3:
        return
    bio = live[-1]
    m = rule.fullmatch(bio.text)
    if not m:
        return
    name = m.group("author").casefold()
    credit = live[-2]
    for other in ctx.scanner(STAGE, CODE_RULES).hits(doc, credit.text, ANYWHERE):
        found = other.fullmatch(credit.text)
        if found and (found.groupdict().get("author") or "").strip().casefold() == name:
            _fill(doc, ctx, other, found)
            doc.drop(credit, STAGE, other.id)
            break
    else:
        if name not in (author.casefold() for author in doc.meta.authors):
            contact = ctx.rule(STAGE, CONTACT_RULE)
            if contact is None or not contact.regex.search(bio.text):
                return
            _fill(doc, ctx, rule, m)
            doc.drop(bio, STAGE, contact.id)
            return
    doc.drop(bio, STAGE, rule.id)


def _drop_issuers(doc: Document, ctx: Context) -> None:
    """A press release's closing "Issued by:" / "Jointly Issued By:" / "Dikeluarkan oleh:" label
    below the article, with the issuers' lines under it (up to ISSUER_MAX_LINES short lines, none
    a sentence). One issuer is the publisher; issuers named jointly are none."""
    rule = ctx.rule(STAGE, ISSUER_RULE)
    if rule is None:
        return
    tail = Regions.of(doc).tail
    for index, line in enumerate(tail):
        m = rule.fullmatch(line.text)
        if not m:
            continue
        block = [line]
        for item in tail[index + 1 : index + 1 + ISSUER_MAX_LINES]:
            if word_count(item.text) > ISSUER_MAX_WORDS or ends_sentence(item.text):
                break
            block.append(item)
        named = (m.group("publisher") or "").strip()
        issuers = [named] if named else [item.text for item in block[1:]]
        jointly = any(w in line.text.lower() for w in ("jointly", "bersama"))
        if len(issuers) == 1 and not jointly:
            doc.meta.set_once("publisher", issuers[0])
        doc.drop_block(block, STAGE, rule.id)
        return


def _fill(doc: Document, ctx: Context, rule: Rule, m: re.Match[str]) -> None:
    _record(doc, ctx, rule, m)


def _record(
    doc: Document, ctx: Context, rule: Rule, m: re.Match[str], *, check_only: bool = False
) -> bool:
    """Fill the sidecar from a match; with check_only, only say whether the match is valid."""
    groups = {k: v.strip() for k, v in m.groupdict().items() if v and v.strip()}
    published = None
    if "date" in groups:
        published = ctx.dates.parse(groups["date"])
        if published is None:
            return False  # "Name • something" that is not a date: not a byline
    if check_only:
        return True
    meta = doc.meta
    if "author" in groups:
        meta.add(meta.authors, *_names(groups["author"]))
    if "editor" in groups:
        meta.add(meta.editors, *_names(groups["editor"]))
    if "publisher" in groups:
        meta.set_once("publisher", groups["publisher"])
    if published:
        meta.set_once("published", published)
    if "initials" in groups:
        parts = _LIST_SPLIT_RE.split(groups["initials"])
        meta.add(meta.signoff_initials, *(p for p in parts if _INITIALS_RE.match(p)))
    if "agencies" in groups:
        meta.add(meta.agencies, *_LIST_SPLIT_RE.split(groups["agencies"]))
    if "source" in groups:
        _source(doc, ctx, groups["source"])
    if ".signoff." in rule.id:
        meta.signoff_text = m.group(0).strip()
    return True


def _source(doc: Document, ctx: Context, source: str) -> None:
    """Record what a "Sumber:" credit names: a wire agency (the whole source, or one of its
    outlets outside brackets, apart by commas or bars), the writers and editors credited in
    brackets, and a date set beside it after a bar ("Source: Xinhua| 2020-08-17 22:11:14")."""
    meta = doc.meta
    agencies = ctx.rules.word_index("agencies")
    for piece in re.sub(r"\([^()]*\)", ",", source).split("|"):
        published = ctx.dates.parse(piece)
        if published:
            meta.set_once("published", published)
            continue
        for outlet in _LIST_SPLIT_RE.split(piece):
            outlet = outlet.strip(" .")
            if outlet.lower() in agencies:
                meta.add(meta.agencies, outlet)  # spelled as written, like a sign-off's
    for credit in _CREDIT_RE.finditer(source):
        names = _names(credit["names"])
        if credit["role"].lower() in ("editor", "penyunting"):
            meta.add(meta.editors, *names)
        else:
            meta.add(meta.authors, *names)
