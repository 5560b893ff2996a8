"""Small pure helpers on strings: whitespace, shapes of lines, and the head/body/tail split.

The shape predicates are the cleaner's notion of what a line *looks like*; their thresholds are
named constants, calibrated on the seeds and the devset (see README, "How lines are judged").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

BODY_MIN_WORDS = 12
"""A paragraph of at least this many words that ends like a sentence is body text. Teasers and
short paragraphs of real articles are longer; titles, labels and captions rarely end with a full
stop at this length."""
BODY_LONG_WORDS = 30
"""Any line this long is body text whatever its ending (flattened articles, quotes)."""
HEADLINE_MAX_WORDS = 25
"""Headlines in the devset are 4 to 20 words; 25 leaves room without reaching paragraphs."""

_SPACE_RE = re.compile(r"[^\S\n]+")
# Invisible characters that scrapers leave inside text: zero-width space/joiners, BOM, and
# C0/C1 controls other than tab and newline. They are whitespace for our purposes.
_INVISIBLE_RE = re.compile("[\u200b\u2060\ufeff\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WORD_RE = re.compile(r"\w+", re.UNICODE)
SENTENCE_END = ".!?\"”’'…)»"
_LINE_BREAK_RE = re.compile(r"\r\n?|[\u2028\u2029\x85]")
BULLET_RE = re.compile(r"^[-–—•*·]\s+")
"""A list item's bullet and the space after it ("- ", "• ")."""
YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
"""A year of the last two centuries, as a word: a part of its own (`fullmatch`) or inside a text
(`search`)."""
_MD_ADDRESS = (
    r"\((?:[^()\s]*(?:\([^()\s]*\)[^()\s]*)?|(?:/|https?://|www\.)[^()\n\"]*?)"
    r"(?:\s+\"[^\"\n]*\")?\)"
)
"""A Markdown link's address with its title: `(https://... "title")`; one bracket pair may nest in
it, and a path may hold spaces as page-to-Markdown converters leave them ("(/files/Annex A.pdf)")."""
MD_LINK_RE = re.compile(r"!?\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]" + _MD_ADDRESS)
"""A Markdown link or image: `[text](url)`, `![alt](src "title")` (one bracket pair may nest in
the text); group 1 is the text."""
_MD_ADDRESS_RE = re.compile(r"\]" + _MD_ADDRESS)
TITLE_CASE_MIN_WORDS = 5
TITLE_CASE_SHARE = 0.8
"""A line in headline case: this many words at least, and this share of its words of four letters
or more capitalised (`in_headline_case`)."""
TITLE_WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
"""A word of a title: letters and figures, inner hyphens and apostrophes kept ("Lanka–India" is two,
"Sri-Lanka" one)."""
_SENTENCE_BREAK_RE = re.compile(r"[.!?]\s+[A-Z]")
_BYLINE_START_RE = re.compile(r"(?:By|BY|Oleh|OLEH)\b")
NOT_A_NAME_RE = re.compile(
    r"(?i)(?:(?:news )?agencies|wire services|wires|agensi|staff"
    r"|(?:(?:staff|senior|chief|special|foreign|political|sports|local|regional) )?"
    r"(?:reporter|writer|correspondent|contributor|journalist|editor)s?"
    r"|wartawan|kontributor|jurnalis|koresponden)"
)
"""What a byline names beside its writers that is no person: the wires ("By Tim Hume and News
Agencies") or the writer's role ("Tanesha Mundle/Staff Reporter", "Staff Writer"): `fullmatch`."""
SHOWS_NOTHING = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
"""A `str.translate` table that removes what shows nothing inside a word (a soft hyphen, zero-width
spaces and joiners, the word joiner, a BOM): "ke\u00adpada" and "kepada" read as one word."""
_LINE_BREAK_MARKS = ("\r", "\u2028", "\u2029", "\x85")
"""Every match of `_LINE_BREAK_RE` holds one of these."""


def normalize_newlines(text: str) -> str:
    """CRLF, CR and the Unicode line/paragraph separators become `\\n`."""
    if not any(mark in text for mark in _LINE_BREAK_MARKS):
        return text  # most texts: four scans in C are cheaper than the regex's walk
    return _LINE_BREAK_RE.sub("\n", text)


def normalize_space(line: str) -> str:
    """NFC, invisible characters removed, runs of spaces (any Unicode space) collapsed, stripped."""
    line = _INVISIBLE_RE.sub(" ", unicodedata.normalize("NFC", line))
    if "\n" in line:
        return _SPACE_RE.sub(" ", line).strip()
    # The same without a line break, three times faster: `str.split` splits at the characters
    # `\s` matches (tests/test_text.py checks every code point).
    return " ".join(line.split())


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))


def ends_sentence(text: str) -> bool:
    """Whether `text` ends as a sentence does: a stop mark, or a closing bracket, or a closing
    quote after a stop mark or a comma ('... kata dia."', '"Kami siap,"'). A quote closing a
    quoted phrase ("... – 'Pemda kehabisan alat berat'") ends a headline, not a sentence."""
    if not text or text[-1] not in SENTENCE_END:
        return False
    if text[-1] in _CLOSING_QUOTES:
        return len(text) > 1 and text[-2] in _BEFORE_CLOSING_QUOTE
    return True


_CLOSING_QUOTES = "\"”’'»"
_BEFORE_CLOSING_QUOTE = ".!?…,;:)\"”’'»"


SHAPE_CACHE = 1 << 16
"""Lines judged per process are memoised: every stage asks where the body starts and ends, on
every pass, about the same lines. Bounded, so memory stays flat on any corpus."""


@lru_cache(maxsize=SHAPE_CACHE)
def is_body(text: str) -> bool:
    """Looks like a paragraph of article prose (not a title, label, caption or menu item). The
    address of a Markdown link is no prose: "[Jane Doe](https://.../author/jane-doe)" is two words
    ending in no stop. A question or exclamation in headline case is a headline ("KKS Port: A
    Missed Opportunity Or A Strategic Gateway For Sri Lanka–India Relations?"); a statement in
    it is more often a first paragraph dense with names."""
    if "](" in text:
        text = _MD_ADDRESS_RE.sub("]", text)
    n = word_count(text)
    if n >= BODY_LONG_WORDS:
        return True
    if n < BODY_MIN_WORDS or not ends_sentence(text):
        return False
    return not (text[-1] in "?!" and in_headline_case(text))


@lru_cache(maxsize=SHAPE_CACHE)
def is_headline(text: str) -> bool:
    """Looks like a headline: short, and not ending like a sentence or a label."""
    if len(text) > 220:  # a paragraph: its words need no counting
        return False
    n = word_count(text)
    if not 1 <= n <= HEADLINE_MAX_WORDS:
        return False
    return text[-1] not in ".,:;"


def capitalised_share(words: Sequence[str], *, figures: bool = True) -> float:
    """The share of `words` that open with a capital letter (or, with `figures`, a figure): how
    much a line reads as headline case ("Kim Tiba di Rusia") rather than sentence case. 0.0 for
    no words."""
    if not words:
        return 0.0
    opened = sum(1 for w in words if w[:1].isupper() or (figures and w[:1].isdigit()))
    return opened / len(words)


def title_case_caps(text: str) -> str:
    """`PADANG SIDEMPUAN` -> `Padang Sidempuan`; mixed-case text is returned as written."""
    if text.upper() != text or not any(c.isalpha() for c in text):
        return text
    return " ".join(w[:1] + w[1:].lower() for w in text.split(" "))


def in_headline_case(text: str) -> bool:
    """A headline written in headline case is its own cue ("Faculty of Health Sciences of UNSIKA
    Collaborates for Global Health Advancement in Bulgaria", "Pernah Tersandung Video Syur, Gisel
    Kini Ungkap Kapan Pernikahanya dengan Wijin"): TITLE_CASE_MIN_WORDS words or more, and of its
    words of four letters or more, all but one in five capitalised. An article's own short first
    paragraph is in sentence case; a line all in capitals is a label's, one with two sentences
    ("... Bekasi Selatan. Kegiatan ...") a paragraph's, one that opens with "By" a byline's."""
    words = TITLE_WORD_RE.findall(text)
    long_words = [w for w in words if len(w) >= 4]
    if (
        len(words) < TITLE_CASE_MIN_WORDS
        or not long_words
        or text.isupper()
        or _SENTENCE_BREAK_RE.search(text)
        or _BYLINE_START_RE.match(text)
    ):
        return False
    return capitalised_share(long_words, figures=False) >= TITLE_CASE_SHARE
