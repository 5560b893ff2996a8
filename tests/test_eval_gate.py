"""The quality gate (after trafilatura's tests/eval_gate.py): the evaluation on the annotated
articles must not drop below pinned floors. Raise a floor when the cleaner improves; never lower one
to make a change pass.

Text and HTML inputs are gated apart (HTML goes through trafilatura first), and the held-out split
as a whole is gated at the project's targets: F1 >= 0.98, article words lost <= 0.5 %,
boilerplate words left <= 5 %. The held-out split stopped being blind in session 4: rules and HTML
fixes were written after reading its failures (README, "Quality", lists them), so its figures are
no longer an estimate for unseen outlets; they pin what was reached. The fresh split of session 6
went the same way after one blind run.
"""

from __future__ import annotations

import pytest

from cleaner.evaluate import bag, evaluate, load_cases
from tests.helpers import EVAL_DIR, pipeline

FLOORS = {
    # (format, split): (min F1, max article lost, max boilerplate left)
    ("text", "dev"): (0.996, 0.001, 0.013),
    ("text", "heldout"): (0.998, 0.001, 0.01),
    # HTML: the page's structure prunes, trafilatura extracts, the container check repairs
    # (cleaner/html.py). Held-out HTML still loses a summary line and an embedded post's text
    # on one page.
    ("html", "dev"): (0.995, 0.001, 0.004),
    ("html", "heldout"): (0.985, 0.022, 0.001),
    # the project's targets, on text and HTML together
    ("all", "heldout"): (0.98, 0.005, 0.05),
    # The fresh split (session 6): 20 articles of 11 outlets outside the devset, annotated by
    # helpers who never saw the code. Blind it read F1 0.990, lost 0.00 %, left 55.5 %; its misses
    # were then read and fixed with general rules (fixtures/eval/BLIND.md), so these floors pin what
    # was reached, as for the held-out split.
    ("all", "fresh"): (0.999, 0.001, 0.035),
    # The second fresh split (session 6): 23 articles of 18 outlets, gathered and annotated the
    # same way. Blind it read F1 0.984, lost 0.00 %, left 16.7 %; its misses were then read and
    # fixed with general rules, so these floors pin what was reached.
    ("all", "fresh2"): (0.995, 0.001, 0.047),
    # The third fresh split (session 6): 21 articles of 17 outlets, gathered and annotated the same
    # way after both rounds of rules. Blind it read F1 0.975, lost 1.06 %, left 54.4 %, all three
    # targets missed; its misses are being read and fixed (fixtures/eval/BLIND.md), and these floors
    # pin what was reached. Boilerplate left rose from 54.4 to 55.5 % when three article lines
    # came back (a quoted English post, two sentences a "Baca Juga" title had swallowed): the
    # scoring counts words, and words of those lines also occur in the boilerplate. No
    # boilerplate line was kept by that change (the golden diff adds only expected lines). The
    # dateline and byline fixes after it brought left to 54.55 %, 0.2 points above the blind run.
    # Session 7's rules for widgets, calls and labels glued to the end of a one-line page (a
    # more-news list, a tip-off request, an update call, tags, an editor label) took it to 19.6 %
    # at F1 0.9905.
    ("all", "fresh3"): (0.990, 0.0048, 0.197),
    # The fourth fresh split (session 7): 22 articles of 20 outlets (12 Indonesian, 10 English),
    # gathered and annotated the same way after session 6's and 7's first rules, and checked byte
    # for byte against the sources. Blind it read F1 0.978, lost 0.40 %, left 56.0 % (F1 and left
    # missed); its misses were then read and fixed with general rules (fixtures/eval/BLIND.md), and
    # these floors pin what was reached. Its boilerplate is few words (captions, a title, a
    # sign-off), so one line left moves "left" by several points. Session 8's captions named by
    # their image's alt text or file name (401) took it to F1 0.9949, left 14.3 %.
    ("all", "fresh4"): (0.994, 0.0005, 0.144),
    # The fifth fresh split (session 8): 22 articles of 20 outlets (12 Indonesian, 10 English),
    # gathered, annotated and checked the same way after session 8's first rules. Blind it read
    # F1 0.989, lost 0.68 %, left 38.2 % (lost and left missed). Its misses were then read and
    # fixed with general rules (a desk's role-labelled credits, short desk codes, a dateline that
    # lost its dash, a network footer, a glued disclaimer, an ad slot's "Remove Ad"): F1 0.998,
    # lost 0.00 %, left 9.4 %.
    ("all", "fresh5"): (0.998, 0.0005, 0.094),
    # The sixth fresh split (session 9): 21 articles of 20 outlets (12 Indonesian, 9 English),
    # gathered, annotated and checked the same way after session 9's contained-paragraph rule.
    # Blind it read F1 0.997, lost 0.00 %, left 23.4 % (left missed). Its misses were then read
    # and fixed with general rules (a dateline alone on its line, a wire dateline with no dash, an
    # outlet's name with spaces, a "Foto bersama :" caption, "Also Read -"): F1 1.000, left 0.0 %.
    ("all", "fresh6"): (0.999, 0.0005, 0.001),
    # The seventh fresh split (session 9): 19 articles of 16 outlets (11 Indonesian, 8 English),
    # gathered, annotated and checked the same way after fresh6's rules. Blind it read F1 0.990,
    # lost 0.76 %, left 39.5 % (lost and left missed). Its misses were then read and fixed with
    # general rules (a "(Name / Outlet)" sign-off no longer read as a photo credit, a glued
    # syndication trailer, a desk's hashtag, an "Images :" label): F1 0.9998, lost 0.00 %,
    # left 1.5 %.
    ("all", "fresh7"): (0.9995, 0.0005, 0.015),
    # The eighth fresh split (session 9): 16 articles of 11 outlets (9 Indonesian, 7 English),
    # gathered, annotated and checked the same way after fresh7's rules. Blind it read F1 0.967,
    # lost 0.00 %, left 71.1 % (F1 and left missed). Its misses were then read and fixed with
    # general rules (pages scraped to Markdown, a machine summary, a sponsored teaser, calls naming
    # the outlet's channel, datelines closed by a full stop or split by a bar): F1 0.9986,
    # lost 0.00 %, left 2.9 %.
    ("all", "fresh8"): (0.998, 0.0005, 0.03),
    # The ninth fresh split (session 9): 9 Indonesian articles of 9 outlets, gathered by one helper
    # (the session's search budget was nearly spent), annotated and checked the same way after
    # fresh8's rules. Blind it read F1 0.993, lost 0.00 %, left 29.7 % (left missed). Its misses
    # were then read and fixed with general rules (a "Dikutip dari" lead-in, an end mark and name,
    # a press release's label and contact line): F1 0.9969, left 12.9 %.
    ("all", "fresh9"): (0.996, 0.0005, 0.129),
    # The tenth fresh split (session 10): 21 articles of 18 outlets (12 Indonesian, 9 English),
    # gathered by two helpers with a fresh search budget, annotated and checked the same way after
    # session 10's first rules, and scored once blind at 7f3f57b: F1 0.987, lost 0.01 %, left
    # 23.4 % (left missed). Its misses were then read and fixed with general rules (a news
    # ticker, a footer's section menu, a flattened tag cloud, places apart by slashes, an office's
    # code after the last quote): F1 0.9982, lost 0.01 %, left 3.1 %.
    ("all", "fresh10"): (0.998, 0.0005, 0.032),
    # The eleventh fresh split (session 10): 20 articles of 15 outlets (12 Indonesian, 7 English,
    # 1 Malay), gathered, annotated and checked the same way after fresh10's rules, and scored once
    # blind at 4b8d773: F1 0.997, lost 0.15 %, left 10.1 % (left missed). Its misses were then read
    # and fixed with general rules (a press release's issuer block, Markdown emphasis around a
    # dateline), then a headline-case first line set apart taken as the title: F1 0.9984,
    # lost 0.15 %, left 3.4 %.
    ("all", "fresh11"): (0.998, 0.002, 0.034),
    # The twelfth fresh split (session 10): 9 articles of 9 outlets (5 Indonesian, 4 English),
    # gathered when the index was nearly exhausted for outlets outside the exclusions, annotated
    # and checked the same way, and scored once blind at 9f70dd3: F1 0.978, lost 0.00 %, left
    # 26.0 % (F1 and left missed). Its misses were then read and fixed with general rules
    # (bracketed "Read more" links, "You Might Also Like", a newspaper's imprint footer): F1 1.0000,
    # lost 0.00 %, left 0.0 %.
    ("all", "fresh12"): (0.9995, 0.0005, 0.001),
    # The thirteenth fresh split (session 11): 32 articles of 28 outlets (11 Indonesian, 21 English
    # from Africa, the Middle East, Asia, Europe, the Americas and Oceania), gathered by three
    # helpers, annotated by six and checked by two the same way, and scored once blind at a57a375:
    # F1 0.984, lost 0.17 %, left 55.9 % (left missed). Its misses were then read and some fixed
    # with general rules (front matter with YAML lists, Markdown pull quotes that repeat the body,
    # a footer split over two lines, a sign-in call for comments, a view counter, a contributor's
    # credit, a Creative Commons republishing note): F1 0.9888, lost 0.17 %, left 37.5 %. Session
    # 12 took an author's bio and the headline under "Explore further": F1 0.9911, left 29.2 %.
    # Session 16: a page flattened to one line whose lead comes again after a paywall's text
    # (1345): F1 0.9941, left 18.3 %.
    ("all", "fresh13"): (0.994, 0.0018, 0.183),
    # The fourteenth fresh split (session 12): 29 articles of 24 outlets (7 Indonesian, 2 Malay,
    # 20 English from Africa, the Middle East, Europe, the Americas and Oceania), gathered by three
    # helpers, annotated by six and checked by two the same way, and scored once blind at 36095ee:
    # F1 0.9687, lost 0.01 %, left 77.5 % (F1 and left missed). Its misses were then read and
    # some fixed with general rules (a standfirst above the header block, a video player's
    # controls, screen-reader list labels, square-bracketed caption credits, push-alert prompts, a
    # Malay newsroom's credit): F1 0.9769, lost 0.01 %, left 56.7 %. Session 13 took a glued
    # public-relations sign-off, a dateline's spaced hyphen and a video playlist: F1 0.9790, left
    # 51.4 %. Session 14 took a credit glued to a paragraph with a space: left 51.2 %.
    ("all", "fresh14"): (0.979, 0.0002, 0.513),
    # The fifteenth fresh split (session 13): 25 articles of 19 outlets (6 Indonesian, 19 English
    # from Asia, the Middle East, Africa, Europe, the Americas and Oceania), gathered by three
    # helpers when the index was exhausted for Indonesian outlets outside the exclusions, annotated
    # by six and checked by two the same way, and scored once blind at 66202ed: F1 0.9707, lost
    # 0.43 %, left 63.1 % (F1 and left missed). Its misses were then read and fixed with general
    # rules (a wire's closing credit ends the article, a list introduced with a colon comes back
    # in HTML, a bio that asks to be followed, front-matter block values): F1 0.9993, lost 0.00 %,
    # left 1.5 %.
    ("all", "fresh15"): (0.999, 0.0001, 0.015),
    # The sixteenth fresh split (session 13): 29 articles of 22 outlets (5 Indonesian, 24 English
    # from Southeast Asia, Asia, the Middle East, Africa, Europe, the Americas and Oceania),
    # gathered, annotated and checked the same way after fresh15's rules, and scored once blind at
    # 9a64340: F1 0.9816, lost 0.00 %, left 27.8 % (left missed; F1 and lost met). Its misses
    # were then read and some fixed with general rules (a press release's "About" section, glued
    # bylines, a wire's credit anywhere, a "first published in" note): F1 0.9908, left 13.7 %;
    # then a dateline on the second paragraph: F1 0.9909, left 13.6 %.
    # Session 15: a Markdown link whose address holds spaces is still a link (1605): left 10.6 %.
    ("all", "fresh16"): (0.992, 0.0001, 0.106),
    # The seventeenth fresh split (session 13): 17 articles of 15 outlets (5 Indonesian, 12 English
    # from Singapore, Africa, Papua New Guinea, North America, Australia and Europe), gathered and
    # annotated the same way when the session's look-ups ran out (no second checker), and scored
    # once blind at 5f3a286: F1 0.9584, lost 0.04 %, left 39.1 % (F1 and left missed). Its misses
    # were then read and some fixed with general rules (a newsletter widget, spaced-bracket links,
    # an embedded post's signature, a comment section as a footer): F1 0.9757, left 22.4 %.
    # Session 14 took "In other news" paragraphs and a run of headline-case headlines: F1 0.9862,
    # left 12.5 %.
    ("all", "fresh17"): (0.986, 0.0005, 0.125),
    # The eighteenth fresh split (session 14): 25 articles of 22 outlets (11 Indonesian, 14 English
    # from Vietnam, the Middle East, Egypt, Europe and North America), gathered, annotated and
    # checked the same way, and scored once blind at 1f2ca1c: F1 0.9726, lost 0.81 %, left 49.8 %
    # (all three missed). Its misses were then read and some fixed with general rules (dropped
    # prose blocks put back in HTML, a quote with its speaker is no caption, an appeal for support
    # ends the article, datelines with the outlet between slashes or a date after them): F1
    # 0.9895, lost 0.28 %, left 19.0 %; then a lead set apart above the container: F1 0.9909, lost
    # 0.00 %.
    # Session 15: a deck with no stop above the byline is the head (1845): left 6.0 %.
    ("all", "fresh18"): (0.997, 0.0001, 0.061),
    # The nineteenth fresh split (session 14): 26 articles of 22 outlets (9 Indonesian, 17 English
    # from Asia, Africa, Europe, North America and Oceania), gathered, annotated and checked the
    # same way, and scored once blind at e5fa972: F1 0.9537, lost 0.58 %, left 49.2 % (all three
    # missed; jusText read F1 0.9577, left 11.0 %). Its misses were then read and some fixed with
    # general rules (lines of a Markdown scrape that are only links, an end mark after the last
    # sentence ends the article, a caption in emphasis under a Markdown image, copies that differ
    # in soft hyphens): F1 0.9859, left 11.9 %. Lost reads 0.68 %, above the blind 0.58 %: 1948's
    # standfirst (twelve words, one stopword) became an edge line jusText's pass drops once the
    # menu links around it went, and the teaser cards that went under the end mark had held words
    # of lost lines (the score compares bags of words). Pinned there, so it can only improve.
    # Session 15: Markdown cards and bylines, a release's legal notice (1943), and words counted
    # across soft hyphens (1908), a national agency before a dateline's colon (1922, 1923): F1
    # 0.9925, lost 0.59 %, left 5.1 %.
    ("all", "fresh19"): (0.992, 0.0060, 0.051),
    # The twentieth fresh split (session 15): 22 articles of 18 outlets (8 Indonesian, 14 English
    # from Central Asia, the Caucasus, Europe, North America and Oceania), gathered, annotated and
    # checked the same way, and scored once blind at b5882fb: F1 0.9865, lost 0.00 %, left 44.4 %
    # (F1 and lost met, left missed).
    # Its misses were then read and some fixed (glued related widgets, captions and credits, calls
    # and footers glued to the text): F1 0.9919, left 26.4 %.
    ("all", "fresh20"): (0.991, 0.0001, 0.265),
    # The twenty-first (session 15): 11 articles of 9 outlets (1 Indonesian, 10 English from Sri
    # Lanka, Jamaica and the US), the same way, scored once blind at a76970d: F1 0.9944, lost
    # 0.00 %, left 16.0 % (F1 and lost met, left missed; jusText left 12.1 %).
    # Its misses were then read and fixed (a question in headline case is a title, an appeal
    # naming the outlet): F1 0.9997, left 0.56 %.
    ("all", "fresh21"): (0.999, 0.0001, 0.006),
}


@pytest.fixture(scope="module")
def reports() -> dict:  # type: ignore[type-arg]
    cases = load_cases(EVAL_DIR)
    return {
        fmt: evaluate([c for c in cases if fmt in ("all", c.format)], pipeline())
        for fmt in ("text", "html", "all")
    }


@pytest.mark.parametrize(("fmt", "split"), sorted(FLOORS))
def test_floors(reports: dict, fmt: str, split: str) -> None:  # type: ignore[type-arg]
    min_f1, max_lost, max_left = FLOORS[(fmt, split)]
    scores = reports[fmt]["summary"][split]["cleaner"]
    assert scores["f1"] >= min_f1, scores
    assert scores["article_lost"] <= max_lost, scores
    assert scores["boilerplate_left"] <= max_left, scores


def test_seeds_are_exact() -> None:
    """Every seed is cleaned exactly as its golden (the seed suite checks bytes; this is the gate's
    statement of the same floor)."""
    from tests.test_seeds import SEEDS, test_seed_matches_golden_text

    for seed in SEEDS:
        test_seed_matches_golden_text(seed)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Ke\u00adpada pasangan", {"kepada": 1, "pasangan": 1}),  # soft hyphen: one word
        ("zero\u200bwidth", {"zerowidth": 1}),
        ("Same same, SAME.", {"same": 3}),
        ("me-ka-nisme", {"me": 1, "ka": 1, "nisme": 1}),  # a printed hyphen splits
    ],
)
def test_bag_counts_words_as_a_reader_sees_them(text: str, words: dict[str, int]) -> None:
    assert dict(bag(text)) == words
