"""HTML input (cleaner/html.py): what the page's structure removes and records, how the extracted
lines are checked against the article's container, and the metadata read from the markup.

Small pages written for each behaviour; cases that must keep text sit beside the ones that remove.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from cleaner import Pipeline
from cleaner.evaluate import visible_text
from cleaner.html import (
    ARBITRATE_MIN_WORDS,
    OUTSIDE_RULE,
    PRUNE_STAGE,
    RULES,
    Caption,
    json_ld_authors,
    main_block,
    merge_in_page_order,
    missed_paragraphs,
    parse,
    prune,
    published_time,
    split_credit,
)
from tests.helpers import eval_cases

PARA = "Pemerintah menutup tiga ruas jalan di pusat kota selama perayaan tahun baru nanti malam. "
BODY = "".join(f"<p>{PARA}Paragraf {i}.</p>" for i in range(6))


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


# --- prune ----------------------------------------------------------------------------------------


def test_prune_removes_marked_furniture_and_keeps_quotes() -> None:
    html = page(
        f"<article>{BODY}"
        "<figure><img src='a.jpg'><figcaption>Suasana jalan (ANTARA/Budi)</figcaption></figure>"
        "<figure><blockquote>Kutipan yang disematkan dari media sosial.</blockquote></figure>"
        "<div class='baca-juga'><a href='/x'>Judul Berita Lain Hari Ini</a></div>"
        "<div class='article-share'>Bagikan</div>"
        "<div class='widget-content'><p>Paragraf dalam widget.</p></div>"
        "</article><aside>Terpopuler</aside>"
    )
    pruned = prune(html)
    assert pruned.captions == [Caption("Suasana jalan", "ANTARA/Budi")]
    for gone in ("Judul Berita Lain", "Bagikan", "Terpopuler", "Suasana jalan"):
        assert gone not in pruned.html
    for kept in ("Kutipan yang disematkan", "Paragraf dalam widget", "Pemerintah menutup"):
        assert kept in pruned.html


def test_prune_records_every_removed_piece_with_its_rule_and_page_line() -> None:
    html = (
        "<html><body>\n<nav>Beranda Berita</nav>\n<article>" + BODY + "</article>\n"
        "<div class='comments'>Komentar pembaca</div>\n<footer>Hak cipta</footer>\n</body></html>"
    )
    removed = [(p.rule, p.line, p.text) for p in prune(html).removed]
    assert removed == [
        ("html.prune.nav", 2, "Beranda Berita"),
        ("html.prune.footer", 5, "Hak cipta"),
        ("html.prune.comments", 4, "Komentar pembaca"),
    ]
    assert all(rule in RULES for rule, _, _ in removed)


def test_prune_keeps_the_headlines_of_related_blocks_only() -> None:
    html = page(
        f"<article>{BODY}</article>"
        "<div class='related-posts'><a href='/1'>Polisi Tangkap Dua Pelaku Pencurian</a>"
        "<a href='/2'>Lainnya</a></div>"
        "<div class='most-popular'><a href='/3'>Harga Emas Naik Lagi Hari Ini</a></div>"
    )
    pruned = prune(html)
    assert pruned.related == ["Polisi Tangkap Dua Pelaku Pencurian"]
    assert {p.rule for p in pruned.removed} == {"html.prune.related", "html.prune.popular"}


def test_prune_never_takes_the_article() -> None:
    html = page(f"<div class='related-content'>{BODY}</div><div>Menu</div>")
    assert "Pemerintah menutup" in prune(html).html  # a marked wrapper holding the text stays


LONG = " ".join(["Warga kota itu menyambut keputusan pemerintah dengan lega."] * 6)
MENU = "".join(f"<li><a href='/{i}'>Kanal berita nomor {i} hari ini</a></li>" for i in range(400))


@pytest.mark.parametrize(
    ("marked", "kept"),
    [
        # a share-bar class on the article's wrapper, on a page whose menus hold most of its text
        (f"<div class='author-and-share'><p>{LONG}</p><p>{LONG}</p></div>", True),
        (f"<div class='sosmed'><p>{LONG}</p></div>", True),
        # the furniture itself: no paragraph of 40 words outside links
        ("<div class='author-and-share'><a href='/s'>Bagikan</a> <p>Salin tautan</p></div>", False),
        (
            "<div class='related'>"
            + "".join(f"<p>{PARA}<a href='/{i}'>Baca</a></p>" for i in range(8))
            + "</div>",
            False,
        ),
        # a long paragraph that is all links is a link list
        (
            f"<div class='tags'><p>{''.join(f'<a href=/{i}>Topik {i}</a> ' for i in range(60))}</p></div>",
            False,
        ),
    ],
)
def test_prune_keeps_a_marked_block_that_holds_a_prose_paragraph(marked: str, kept: bool) -> None:
    html = page(f"<ul>{MENU}</ul>{marked}")
    pruned = prune(html)
    text = re.sub(r"<[^>]+>", " ", marked).split()[0]
    assert (text in pruned.html) is kept
    assert bool(pruned.removed) is not kept


IMG = "<img src='a.jpg'>"
CAPTIONED = [
    # (label, block beside the article, the captions it gives)
    (
        "a class word of a photo's caption, its bracketed credit split off",
        f"<div class='photo'><div class='photo__img'>{IMG}</div>"
        "<div class='photo__caption'>Warga antre di depan kantor pos (ANTARA/Budi)</div></div>",
        [Caption("Warga antre di depan kantor pos", "ANTARA/Budi")],
    ),
    (
        "WordPress: the caption's wrapper",
        f"<div class='wp-caption'>{IMG}<p class='wp-caption-text'>Suasana banjir di Jakarta</p></div>",
        [Caption("Suasana banjir di Jakarta")],
    ),
    (
        "an id word",
        f"<div id='image_news'>{IMG}<div id='caption_news'>Petugas memantau abu vulkanik</div></div>",
        [Caption("Petugas memantau abu vulkanik")],
    ),
    (
        "an Indonesian class word",
        f"<div class='foto'>{IMG}<span class='ket-foto'>Petugas memeriksa kendaraan</span></div>",
        [Caption("Petugas memeriksa kendaraan")],
    ),
    (
        "a credit marked inside the caption",
        f"<div>{IMG}<div class='img-caption'>Presiden menyapa warga "
        "<span class='photo-credit'>Biro Pers</span></div></div>",
        [Caption("Presiden menyapa warga", "Biro Pers")],
    ),
    (
        "a credit marked beside the caption",
        f"<div>{IMG}<p class='caption'>Presiden menyapa warga</p>"
        "<p class='credit'>Foto: Biro Pers</p></div>",
        [Caption("Presiden menyapa warga", "Foto: Biro Pers")],
    ),
    (
        "a credit alone",
        f"<div>{IMG}<span class='image-credit'>Biro Pers Istana</span></div>",
        [Caption(None, "Biro Pers Istana")],
    ),
    (
        "a caption block holding only a labelled credit",
        f"<div>{IMG}<div class='caption'>Foto: Biro Pers Istana</div></div>",
        [Caption(None, "Foto: Biro Pers Istana")],
    ),
]


@pytest.mark.parametrize(
    ("block", "captions"), [c[1:] for c in CAPTIONED], ids=[c[0] for c in CAPTIONED]
)
def test_prune_takes_captions_marked_by_class(block: str, captions: list[Caption]) -> None:
    pruned = prune(page(f"<article>{block}{BODY}</article>"))
    assert pruned.captions == captions
    assert {piece.rule for piece in pruned.removed} == {"html.prune.caption"}
    for caption in captions:
        for text in (caption.caption, caption.credit):
            assert text is None or text not in pruned.html
    assert "Pemerintah menutup" in pruned.html


PROSE_70 = " ".join(["Warga kota itu menyambut keputusan pemerintah dengan lega."] * 9)
UNCAPTIONED = [
    # (label, page body): a caption or credit class word that marks no caption
    ("a caption class on the article's wrapper", f"<div class='caption'>{IMG}{BODY}</div>"),
    ("a long paragraph", f"{BODY}<div>{IMG}<p class='caption'>{PROSE_70}</p></div>"),
    ("two paragraphs", f"{BODY}<div class='caption'>{IMG}<p>{PARA}</p><p>{PARA}</p></div>"),
    (
        "credit-card article text",
        f"{BODY}<div>{IMG}<p class='credit-card'>Bank menawarkan kartu kredit baru.</p></div>",
    ),
    (
        "a byline widget's credits",
        f"<div class='read-page--credits'>{IMG}<span>Author</span> Ani Rahma</div>{BODY}",
    ),
    (
        "a teaser card's linked headline",
        f"{BODY}<div class='card'>{IMG}<div class='caption'><a href='/x'>Judul Berita Lain</a></div></div>",
    ),
    (
        "no image beside it",
        f"{BODY}<div><div><div class='caption'>Suasana jalan raya</div></div></div>",
    ),
    (
        "a <figcaption> is the figure rule's",
        f"{BODY}<figcaption class='caption'>Suasana</figcaption>",
    ),
]


@pytest.mark.parametrize("body", [c[1] for c in UNCAPTIONED], ids=[c[0] for c in UNCAPTIONED])
def test_prune_leaves_what_a_caption_class_word_does_not_mark(body: str) -> None:
    # The menus make the page long: the block is under the signal share, each guard stands alone.
    pruned = prune(page(f"<ul>{MENU}</ul>{body}"))
    assert "html.prune.caption" not in {piece.rule for piece in pruned.removed}
    assert all(c.caption == "Suasana" for c in pruned.captions)  # the figcaption's, if any
    for kept in ("Pemerintah menutup", "Ani Rahma", "kartu kredit", "Warga kota", "Judul Berita"):
        assert kept in pruned.html or kept not in body


SLUG = "/uploads/2026/03/Suasana-rapat-senat-di-Gedung-Rektorat-1536x864.jpeg"
NAMED = [
    # (label, block beside the article, the captions it gives): no caption class, only the image
    (
        "the file name, its size suffix dropped",
        f"<div class='p-2'><img src='{SLUG}'></div>"
        "<div class='p-2 small'>Suasana rapat senat di Gedung Rektorat</div>",
        [Caption("Suasana rapat senat di Gedung Rektorat")],
    ),
    (
        "the alt text, the block before the image, its credit split off",
        "<div><p>Petugas memadamkan api di pasar lama (ANTARA/Budi)</p>"
        "<img src='IMG_2041.jpg' alt='Petugas memadamkan api di pasar lama'></div>",
        [Caption("Petugas memadamkan api di pasar lama", "ANTARA/Budi")],
    ),
    (
        "a block one level up from the image",
        "<div><div><span><img src='x.jpg' alt='Warga antre minyak goreng di Medan'></span></div>"
        "<div>Warga antre minyak goreng di Medan, Sumut</div></div>",
        [Caption("Warga antre minyak goreng di Medan, Sumut")],
    ),
]


@pytest.mark.parametrize(("block", "captions"), [c[1:] for c in NAMED], ids=[c[0] for c in NAMED])
def test_prune_takes_a_block_that_repeats_its_images_name(
    block: str, captions: list[Caption]
) -> None:
    pruned = prune(page(f"<article>{block}{BODY}</article>"))
    assert pruned.captions == captions
    assert {piece.rule for piece in pruned.removed} == {"html.prune.caption"}
    assert "Pemerintah menutup" in pruned.html


UNNAMED = [
    # (label, page body): a block beside an image that its name does not make a caption
    (
        "the title beside an image named after the headline",
        "<div><div class='titles'><h1>Sering Depresi Berat Hati-hati Diabetes</h1></div>"
        "<img src='sering-depresi-berat-hati-hati-diabetes.jpg'></div>" + BODY,
    ),
    (
        "a lead paragraph beside an image whose alt is the headline",
        f"<div><img src='a.jpg' alt='Pemerintah menutup jalan'><p>{PARA}</p></div>" + BODY,
    ),
    (
        "a subheading whose few words a long alt holds",
        "<div><img src='a.jpg' alt='Warga kota itu menyambut keputusan pemerintah dengan lega "
        "setelah rapat panjang di balai kota'><p>Warga kota menyambut keputusan</p></div>" + BODY,
    ),
    (
        "a two-word alt names nothing",
        "<div><img src='a.jpg' alt='foto utama'><p>Foto utama</p></div>" + BODY,
    ),
    (
        "a link beside the image (a teaser card's headline)",
        "<div><img src='banjir-besar-melanda-kota-lama.jpg'>"
        "<a href='/x'>Banjir besar melanda kota lama</a></div>" + BODY,
    ),
]


@pytest.mark.parametrize("body", [c[1] for c in UNNAMED], ids=[c[0] for c in UNNAMED])
def test_prune_leaves_a_block_its_images_name_does_not_mark(body: str) -> None:
    pruned = prune(page(f"<ul>{MENU}</ul>{body}"))
    assert "html.prune.caption" not in {piece.rule for piece in pruned.removed}
    assert pruned.captions == []


def test_a_caption_inside_a_wrapper_marked_caption_is_found() -> None:
    html = page(
        f"<div class='entry has-caption'><div>{IMG}<div class='img-caption'>Suasana jalan</div>"
        f"</div>{BODY}</div>"
    )
    pruned = prune(html)
    assert pruned.captions == [Caption("Suasana jalan")]
    assert "Pemerintah menutup" in pruned.html


def test_a_caption_inside_a_related_block_is_the_related_blocks() -> None:
    html = page(
        f"<article>{BODY}</article><div class='related'><div>{IMG}"
        "<div class='caption'>Polisi Tangkap Dua Pelaku Pencurian</div></div></div>"
    )
    pruned = prune(html)
    assert pruned.captions == []
    assert [piece.rule for piece in pruned.removed] == ["html.prune.related"]


def test_a_caption_also_kept_as_a_text_line_is_recorded_once() -> None:
    """trafilatura may keep a caption's copy (the text stages drop it as a caption): one image."""
    html = page(
        f"<article><div>{IMG}<div class='caption'>Suasana jalan raya. Foto: ANTARA/Budi</div></div>"
        f"{BODY}<p>Suasana jalan raya. Foto: ANTARA/Budi</p></article>"
    )
    meta = Pipeline().run(html, format="html").metadata
    assert [image["caption"] for image in meta["images"]] == ["Suasana jalan raya."]


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        (
            "Menteri di Istana Negara, Jakarta(Biro Pers Sekretariat)",
            "Menteri di Istana Negara, Jakarta",
            "Biro Pers Sekretariat",
        ),
        ("Wisuda Magister Manajemen ke-XV(Dok.IGI )", "Wisuda Magister Manajemen ke-XV", "Dok.IGI"),
        ("Suasana jalan raya (antara/budi)", "Suasana jalan raya", "antara/budi"),
        # must keep: brackets that belong to the caption
        ("Presiden Joko Widodo (kiri)", "Presiden Joko Widodo (kiri)", None),
        ("Banjir di Jakarta (2023)", "Banjir di Jakarta (2023)", None),
        ("Poster London Love Story", "Poster London Love Story", None),
        ("(ANTARA)", "(ANTARA)", None),
    ],
)
def test_split_credit(text: str, caption: str, credit: str | None) -> None:
    assert split_credit(text) == Caption(caption, credit)


# --- the article's container ----------------------------------------------------------------------


def lines_of(html: str) -> list[str]:
    return [" ".join(p.split()) for p in re.findall(r"<p>(.*?)</p>", html)]


def check(html: str, lines: list[str]) -> tuple[list[str], frozenset[int]]:
    root = parse(html)
    assert root is not None
    return main_block(lines, root)


def test_a_dropped_subheading_comes_back_in_place() -> None:
    paras = [f"<p>{PARA}Bagian {i}.</p>" for i in range(6)]
    html = page(
        "<div class='article'>"
        + "".join(paras[:2])
        + "<h3>Gejala</h3>"
        + "".join(paras[2:])
        + "</div>"
    )
    lines = lines_of(html)
    out, _ = check(html, lines)
    assert out == [*lines[:2], "Gejala", *lines[2:]]


def test_a_line_glued_at_inline_elements_takes_the_pages_spacing_and_is_not_doubled() -> None:
    quote = "Kalau lama berdua <em>enggak</em> <em>ngobrol</em>, ya sekali waktu bawa bunga pulang."
    html = page(f"<div class='article'>{BODY}<p>{quote}</p></div>")
    lines = [re.sub(r"</?em>", "", line) for line in lines_of(html)]
    glued = [*lines[:-1], lines[-1].replace("enggak ngobrol", "enggakngobrol")]
    out, _ = check(html, glued)
    assert out == lines  # the page's "enggak ngobrol", once


def test_loose_text_of_the_container_before_its_paragraphs_comes_back_first() -> None:
    lead = (
        "Pemerintah kota menutup tiga ruas jalan utama sejak pagi karena perayaan hari jadi kota."
    )
    links = " ".join(f"<a href='/{i}'>Kanal berita nomor {i}</a>" for i in range(6))
    html = page(
        f"<div class='article'><b>Kabarkota.com</b> - {lead}{BODY}<br>Topik: {links}<br></div>"
    )
    lines = [re.sub(r"<[^>]+>", "", line) for line in lines_of(html)]
    out, _ = check(html, lines)
    assert out == [f"Kabarkota.com - {lead}", *lines]  # the link run after <br> stays out


def test_a_dropped_prose_paragraph_of_the_container_comes_back() -> None:
    lost = "Warga diminta memakai jalan alternatif yang sudah disiapkan oleh dinas perhubungan kota sejak pagi."
    html = page(f"<div class='article'>{BODY}<p>{lost}</p></div>")
    lines = lines_of(html)
    out, _ = check(html, [line for line in lines if line != lost])
    assert out == lines


@pytest.mark.parametrize(
    ("label", "block"),
    [
        (
            "a lead in a caption box that holds no image",
            "<div class='wp-caption'><span>{}</span></div>",
        ),
        ("a closing quote set in a heading", "<h2>{}</h2>"),
    ],
)
def test_a_dropped_prose_block_of_the_container_comes_back(label: str, block: str) -> None:
    lost = (
        "Warga diminta memakai jalan alternatif yang sudah disiapkan oleh dinas perhubungan kota"
        " sejak pagi, sementara petugas berjaga di setiap persimpangan."
    )
    html = page(f"<div class='article'>{BODY}{block.format(lost)}</div>")
    lines = lines_of(html)  # the <p> lines: the extraction dropped the block
    out, _ = check(html, lines)
    assert out == [*lines, lost], label


@pytest.mark.parametrize(
    ("label", "above", "back"),
    [
        ("a lead in its own <div>", "<div><strong>{}</strong></div>", True),
        ("the headline right above the body", "<h1>{}</h1>", False),
    ],
)
def test_a_lead_set_apart_right_above_the_container_comes_back(
    label: str, above: str, back: bool
) -> None:
    lead = (
        "Of that, the area for freshwater aquaculture was 2,215 ha and that for saltwater"
        " aquaculture was 5,286 ha, with diversified species."
    )
    html = page(f"{above.format(lead)}<div class='article'>{BODY}</div>")
    lines = lines_of(html)
    out, _ = check(html, lines)
    assert out == ([lead, *lines] if back else lines), label


def test_a_dropped_block_that_ends_no_sentence_stays_out() -> None:
    stray = "Indeks berita hari ini dan kanal pilihan redaksi untuk pembaca setia kami di seluruh"
    html = page(f"<div class='article'>{BODY}<div><span>{stray}</span></div></div>")
    lines = lines_of(html)
    out, _ = check(html, lines)
    assert out == lines


def test_the_items_of_a_list_the_article_introduces_with_a_colon_come_back() -> None:
    intro = "Menurut survei dinas kesehatan terhadap 400 pelajar tahun lalu:"
    items = ["Sebagian besar percaya layanan itu.", "67 persen akan memakainya"]
    html = page(
        f"<div class='article'>{BODY}<p>{intro}</p><ul>"
        + "".join(f"<li>{item}</li>" for item in items)
        + f"</ul><p>{PARA}Penutup.</p></div>"
    )
    lines = lines_of(html)  # the <p> lines: the extraction dropped the list
    out, _ = check(html, lines)
    assert out == [*lines[:-1], *items, lines[-1]]


@pytest.mark.parametrize(
    ("label", "before", "items"),
    [
        (
            "no colon before the list",
            "<p>Menurut survei dinas kesehatan tahun lalu.</p>",
            "<li>Sebagian besar percaya.</li><li>67 persen akan memakainya</li>",
        ),
        (
            "links under a label",
            "<p>Baca juga:</p>",
            "<li><a href='/1'>Judul berita lain nomor satu</a></li>"
            "<li><a href='/2'>Judul berita lain nomor dua</a></li>",
        ),
    ],
)
def test_the_items_of_other_short_lists_stay_dropped(label: str, before: str, items: str) -> None:
    html = page(f"<div class='article'>{BODY}{before}<ul>{items}</ul></div>")
    lines = lines_of(html)
    out, _ = check(html, lines)
    assert out == lines, label


@pytest.mark.parametrize(
    ("label", "extra"),
    [
        (
            "a link list",
            "<p><a href='/1'>Judul satu yang panjang sekali untuk sebuah tautan</a> dan <a href='/2'>judul dua yang juga panjang sekali</a></p>",
        ),
        ("a short line", "<p>Foto: istimewa</p>"),
        ("a heading after the last line", "<h2>Berita Terkait</h2>"),
    ],
)
def test_what_the_extraction_dropped_stays_dropped(label: str, extra: str) -> None:
    html = page(f"<div class='article'>{BODY}{extra}</div>")
    lines = lines_of(BODY)
    out, _ = check(html, lines)
    assert out == lines, label


def test_teaser_cards_outside_the_container_are_marked() -> None:
    card = (
        "<ul class='list'><li><h3><a href='/x'>IHSG Ditutup Melemah Sore Ini</a></h3>"
        "<p>IHSG ditutup melemah 0,22 persen ke level 8.925 pada perdagangan Kamis sore.</p></li></ul>"
    )
    html = page(f"<section><div class='article'>{BODY}</div>{card}</section>")
    lines = [
        *lines_of(BODY),
        "IHSG ditutup melemah 0,22 persen ke level 8.925 pada perdagangan Kamis sore.",
    ]
    out, outside = check(html, lines)
    assert out == lines
    assert outside == frozenset({len(lines)})


@pytest.mark.parametrize(
    ("label", "before"),
    [
        (
            "a standfirst in its own block",
            "<div class='lead'><p>Jalan ditutup mulai malam ini untuk perayaan tahun baru di pusat kota.</p></div>",
        ),
        (
            "a lone paragraph beside the title",
            "<header><h1>Judul</h1><p>Jalan ditutup mulai malam ini untuk perayaan tahun baru.</p></header>",
        ),
    ],
)
def test_lines_outside_the_container_but_not_in_cards_stay(label: str, before: str) -> None:
    html = page(f"{before}<div class='article'>{BODY}</div>")
    lines = lines_of(html)
    out, outside = check(html, lines)
    assert out == lines, label
    assert outside == frozenset(), label


def test_a_fragment_with_little_prose_is_left_alone() -> None:
    html = page("<div><p>Satu kalimat pendek saja di sini ya.</p><h2>Subjudul</h2></div>")
    out, outside = check(html, ["Satu kalimat pendek saja di sini ya."])
    assert (out, outside) == (["Satu kalimat pendek saja di sini ya."], frozenset())


def test_article_lists_inside_the_container_stay() -> None:
    html = page(
        f"<div class='article'>{BODY}<ul><li>1. Avaro WiFi Smart LED yang hemat energi</li></ul></div>"
    )
    lines = [*lines_of(BODY), "1. Avaro WiFi Smart LED yang hemat energi"]
    out, outside = check(html, lines)
    assert (out, outside) == (lines, frozenset())


# --- metadata ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "want"),
    [
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2026-01-08T20:19:38+07:00"}</script>',
            "2026-01-08T20:19+07:00",
        ),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": "2020-10-07T15:13:00+0700"}]}</script>',
            "2020-10-07T15:13+07:00",
        ),
        (
            '<meta property="article:published_time" content="2020-10-07T15:13:00+07:00">',
            "2020-10-07T15:13+07:00",
        ),
        (
            '<meta itemprop="datePublished" content="2015-11-05T14:56:43+07:00">',
            "2015-11-05T14:56+07:00",
        ),
        ('<meta name="pubdate" content="2016-02-16T02:20:00Z">', "2016-02-16T02:20+00:00"),
        ('<meta name="pubdate" content="2015-11-05 T10:08:58">', "2015-11-05T10:08"),
        # must not: a date without a time, a broken JSON-LD, nothing at all
        ('<meta property="article:published_time" content="2020-10-07">', None),
        ('<script type="application/ld+json">{"datePublished": </script>', None),
        ("", None),
    ],
)
def test_published_time(head: str, want: str | None) -> None:
    root = parse(page(f"<p>{PARA}</p>", head))
    assert published_time(root) == want


def test_published_time_is_read_from_the_body_too() -> None:
    root = parse(
        page(
            f"<time itemprop='datePublished' datetime='2015-11-05T14:56:43+07:00'>Kamis</time><p>{PARA}</p>"
        )
    )
    assert published_time(root) == "2015-11-05T14:56+07:00"


# --- the config's `disable` ---------------------------------------------------------------------

CARD = (
    "<ul><li><h3><a href='/x'>IHSG Ditutup Melemah Sore Ini Juga</a></h3>"
    "<p>IHSG ditutup melemah 0,22 persen ke level 8.925 pada perdagangan Kamis sore kemarin.</p></li></ul>"
)
DISABLE_PAGE = page(
    "<nav>Beranda Berita Ekonomi</nav><section><div class='article'>"
    f"{BODY}<div class='article-share'>Bagikan artikel ini</div></div>{CARD}</section>"
)


@pytest.mark.parametrize(
    ("disable", "kept", "gone"),
    [
        ((), (), ("html.prune.nav", "html.prune.share", OUTSIDE_RULE)),
        (("html.prune.nav",), ("html.prune.nav",), ("html.prune.share", OUTSIDE_RULE)),
        ((PRUNE_STAGE,), ("html.prune.nav", "html.prune.share"), (OUTSIDE_RULE,)),
        ((OUTSIDE_RULE,), (OUTSIDE_RULE,), ("html.prune.nav", "html.prune.share")),
        (("extract_html",), (OUTSIDE_RULE,), ("html.prune.nav",)),
    ],
)
def test_disable_switches_html_rules_off(
    disable: tuple[str, ...], kept: tuple[str, ...], gone: tuple[str, ...]
) -> None:
    """An HTML rule id (or its stage) in the config's `disable` removes nothing and records
    nothing; the other HTML rules still fire."""
    from cleaner import Config

    result = Pipeline(Config(lang="id", disable=disable)).run(DISABLE_PAGE, format="html")
    fired = {r["rule"] for r in result.metadata["removed"]}
    assert not fired & set(kept), fired
    assert set(gone) <= fired, fired
    if OUTSIDE_RULE in kept:
        assert "IHSG ditutup melemah" in result.text


def test_a_disabled_prune_rule_keeps_its_text_in_the_page() -> None:
    assert "Beranda Berita" not in prune(DISABLE_PAGE).html
    kept = prune(DISABLE_PAGE, disable=("html.prune.nav",))
    assert "Beranda Berita Ekonomi" in kept.html
    assert [piece.rule for piece in kept.removed] == ["html.prune.share"]


# --- arbitration with jusText ------------------------------------------------------------------

GOOD = "Warga desa mengatakan bahwa jalan menuju pasar sudah rusak sejak musim hujan tahun lalu."
"""A paragraph of 15 words."""


@pytest.mark.parametrize(
    ("label", "lines", "good", "missed"),
    [
        ("nothing missed", [GOOD], [GOOD], 0),
        ("a small missed block stays out", [], [GOOD] * 3, 0),
        ("enough words, but fewer than the extraction's", [GOOD] * 5, [GOOD + " Lain."] * 4, 0),
        ("enough words and more than the extraction's", [GOOD] * 3, [GOOD + " Lain."] * 4, 4),
        ("trafilatura found nothing", [], [GOOD + f" {i}." for i in range(4)], 4),
        ("a good paragraph held inside a longer line is not missed", [GOOD + " Lagi."], [GOOD], 0),
    ],
)
def test_missed_paragraphs(label: str, lines: list[str], good: list[str], missed: int) -> None:
    assert len(missed_paragraphs(lines, good)) == missed, label
    assert 3 * len(GOOD.split()) < ARBITRATE_MIN_WORDS  # the "small block" case stays small


def test_merge_in_page_order() -> None:
    root = parse(
        page("<div><p>Satu dua tiga.</p><p>Empat lima enam.</p><p>Tujuh delapan.</p></div>")
    )
    merged = merge_in_page_order(
        ["Tujuh delapan.", "Satu dua tiga."], ["Empat lima enam.", "X"], root
    )
    # Page order where the page has them; a line the page lacks follows its predecessor.
    assert merged == ["Satu dua tiga.", "Empat lima enam.", "Tujuh delapan.", "X"]


ARTICLE = [
    f"Pemerintah daerah menyatakan bahwa pembangunan jembatan nomor {i} akan selesai pada akhir "
    "tahun ini, kata kepala dinas kepada wartawan di kantornya pada hari Senin."
    for i in range(8)
]
DECOY = [
    f"Ringkasan berita lain nomor {i} tentang banjir yang melanda kota itu dan membuat warga harus "
    "mengungsi ke tempat yang lebih aman untuk sementara waktu, sementara pemerintah kota masih "
    "menghitung kerugian yang ditimbulkan oleh bencana tersebut di seluruh wilayah."
    for i in range(4)
]
WRONG_BLOCK_PAGE = page(
    "<div class='read'><h1>Jembatan Baru</h1><div class='isi'>"
    + "".join(f"<p>{p}</p>" for p in ARTICLE)
    + "</div></div><div class='lain'><div class='post-content'>"
    + "".join(f"<p>{p}</p>" for p in DECOY)
    + "</div></div>"
)
"""The article in an unmarked div, a long block of other prose in a div whose class trafilatura
reads as the article's ("post-content"): trafilatura takes the wrong block."""


def test_trafilatura_alone_takes_the_wrong_block() -> None:
    """The premise of the next test: without arbitration the article is lost."""
    import trafilatura

    found = trafilatura.extract(WRONG_BLOCK_PAGE, favor_precision=True) or ""
    assert DECOY[0] in found
    assert ARTICLE[0] not in found


def test_justext_paragraphs_are_merged_when_trafilatura_takes_the_wrong_block() -> None:
    result = Pipeline().run(WRONG_BLOCK_PAGE, format="html")
    lines = result.text.splitlines()
    for paragraph in ARTICLE:
        assert paragraph in lines
    # In the page's order: the article comes before the other block, as on the page.
    assert lines.index(ARTICLE[-1]) < lines.index(DECOY[0])
    assert result.metadata["field_sources"]["body"] == "trafilatura+justext"


def test_a_page_trafilatura_reads_well_keeps_trafilatura_alone() -> None:
    html = page(f"<article>{BODY}</article><div class='lain'><p>{DECOY[0]}</p></div>")
    result = Pipeline().run(html, format="html")
    assert "Pemerintah menutup" in result.text
    assert result.metadata["field_sources"]["body"] == "trafilatura"


# --- authors from the page's metadata -------------------------------------------------------------


def ld(author: object) -> str:
    import json

    data = {"@context": "https://schema.org", "@type": "NewsArticle", "author": author}
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


@pytest.mark.parametrize(
    ("label", "head", "body", "want"),
    [
        (
            "a Person",
            ld({"@type": "Person", "name": "Beryl Santoso"}),
            "<p>Beryl Santoso</p>",
            ["Beryl Santoso"],
        ),
        ("a list", ld([{"name": "Ani"}, {"name": "Budi"}]), "<p>Ani dan Budi</p>", ["Ani", "Budi"]),
        ("a string", ld("Ani Rahma"), "<p>Oleh Ani Rahma</p>", ["Ani Rahma"]),
        (
            "in a @graph",
            ld(None).replace('"author": null', '"@graph": [{"author": {"name": "Ani"}}]'),
            "<p>Ani</p>",
            ["Ani"],
        ),
        ("a name the page does not show", ld({"name": "Ani Rahma"}), "<p>Berita.</p>", []),
        ("the page names the editor", ld({"name": "Heryadi"}), "<p>Editor : Heryadi</p>", []),
        (
            "writer and editor at once",
            ld({"name": "Budi"}),
            "<p>Budi - 7 Oktober</p><p>Editor: Budi</p>",
            ["Budi"],
        ),
        ("broken JSON", "<script type='application/ld+json'>{</script>", "<p>Ani</p>", []),
    ],
)
def test_json_ld_authors(label: str, head: str, body: str, want: list[str]) -> None:
    assert list(json_ld_authors(parse(page(body, head)))) == want, label


def test_authors_from_json_ld_fill_the_sidecar_with_their_source() -> None:
    html = page(f"<article><p>Beryl Santoso</p>{BODY}</article>", ld({"name": "Beryl Santoso"}))
    meta = Pipeline().run(html, format="html").metadata
    assert meta["authors"] == ["Beryl Santoso"]
    assert meta["field_sources"]["authors"] == "html"


def test_a_byline_label_in_the_page_author_is_not_part_of_the_name() -> None:
    html = page(f"<article>{BODY}</article>", "<meta name='author' content='Pewarta Nur Imansyah'>")
    meta = Pipeline().run(html, format="html").metadata
    assert meta["authors"] == ["Nur Imansyah"]
    assert meta["field_sources"]["authors"] == "trafilatura"


def test_a_role_in_the_page_author_is_no_author() -> None:
    html = page(
        f"<article>{BODY}</article>", "<meta name='author' content='Jane Doe; Staff Reporter'>"
    )
    meta = Pipeline().run(html, format="html").metadata
    assert meta["authors"] == ["Jane Doe"]


# --- through the pipeline ----------------------------------------------------------------------------


def test_pipeline_records_html_removals_and_metadata() -> None:
    html = page(
        "<nav>Beranda Berita Ekonomi</nav><section><div class='article'>"
        "<figure><img src='a.jpg'><figcaption>Suasana jalan(ANTARA/Budi)</figcaption></figure>"
        f"{BODY}<div class='related'><a href='/r'>Polisi Tangkap Dua Pelaku Pencurian</a></div>"
        f"</div>{CARD}</section>",
        '<meta property="article:published_time" content="2023-09-12T06:00:00+07:00">',
    )
    result = Pipeline().run(html, format="html")
    meta = result.metadata
    assert "IHSG" not in result.text
    assert "Pemerintah menutup" in result.text
    rules = [(r["stage"], r["rule"]) for r in meta["removed"]]
    assert (PRUNE_STAGE, "html.prune.nav") in rules
    assert (PRUNE_STAGE, "html.prune.figure") in rules
    assert (PRUNE_STAGE, "html.prune.related") in rules
    assert ("extract_html", OUTSIDE_RULE) in rules
    assert meta["published"] == "2023-09-12T06:00+07:00"
    assert meta["field_sources"]["published"] == "html"
    assert meta["images"][0] == {"caption": "Suasana jalan", "credit": "ANTARA/Budi", "title": None}
    assert {
        "title": "Polisi Tangkap Dua Pelaku Pencurian",
        "date": None,
        "kind": "related",
    } in meta["related"]


HTML_CASES = [case for case in eval_cases() if case.input.suffix == ".html"]


@pytest.mark.parametrize("case", HTML_CASES, ids=lambda c: f"{c.split}/{c.name}")
def test_prune_records_hold_page_text(case: Any) -> None:
    """Nothing is lost: every piece the HTML structure removed is recorded with text the page
    shows, at a line of the page."""
    from tests.helpers import clean_path

    raw = case.input.read_bytes().decode("utf-8", "replace")
    visible = "".join(visible_text(raw).split())
    lines = raw.count("\n") + 1
    for removal in clean_path(case.input).metadata["removed"]:
        if removal["stage"] == PRUNE_STAGE:
            # Word by word: a piece removed inside a removed block was recorded on its own, so the
            # block's record can join two words the page has apart.
            words = removal["text"].split()
            assert sum(w in visible for w in words) >= 0.8 * len(words), removal
            assert 0 <= removal["line"] <= lines, removal


def test_every_html_rule_fires() -> None:
    """The HTML structure's rules are code (cleaner.html.RULES), not pack rules: each fires here."""
    marked = "".join(
        f"<div class='{word}'>Isi blok {word}</div>"
        for word in (
            "related",
            "share",
            "comments",
            "breadcrumb",
            "tags",
            "newsletter",
            "popular",
            "ads",
        )
    )
    html = page(
        "<nav>Menu</nav><aside>Samping</aside><form>Cari</form>"
        f"<section><div class='article'><figure><img src='a.jpg'><figcaption>Foto</figcaption></figure>"
        f"<div class='photo'>{IMG}<div class='photo__caption'>Suasana jalan</div></div>"
        f"{BODY}{marked}</div>{CARD}</section><footer>Kaki</footer>"
    )
    fired = {r["rule"] for r in Pipeline().run(html, format="html").metadata["removed"]}
    assert set(RULES) <= fired, sorted(set(RULES) - fired)


@pytest.mark.parametrize(
    ("marks", "rule"),
    [
        ("related-posts", "html.prune.related"),
        ("box baca-juga", "html.prune.related"),
        ("related-tags", "html.prune.tags"),
        ("related share-bar", "html.prune.share"),
        ("ads-300", "html.prune.ads"),
        # must keep: words that only contain a signal word
        ("shareholders", None),
        ("loads", None),
        ("widget-content", None),
    ],
)
def test_class_signals(marks: str, rule: str | None) -> None:
    html = page(
        f"<article>{BODY}<div class='{marks}'><a href='/x'>Judul Berita Lain Hari Ini</a></div></article>"
    )
    removed = [p.rule for p in prune(html).removed]
    assert removed == ([rule] if rule else [])


VISIBLE_PUBLISHED = [
    # (label, declared, visible pieces, expected)
    (
        "a local time written with a UTC marker takes the shown zone",
        "2015-11-05T10:08+00:00",
        ["Kamis, 05 Nov 2015 10:08 WIB"],
        "2015-11-05T10:08+07:00",
    ),
    (
        "the same instant shown in the site's zone",
        "2016-02-16T02:20+00:00",
        ["on 16 Feb 2016 at 09:20 WIB"],
        "2016-02-16T09:20+07:00",
    ),
    (
        "a declared date with no time takes the first time shown that day",
        "2015-11-04",
        ["Senin, 2 November 2015 08:00 WIB", "Rabu, 4 November 2015 | 21:04 WIB"],
        "2015-11-04T21:04+07:00",
    ),
    (
        "a shown time with no zone leaves a declared offset alone",
        "2020-10-09T13:52+07:00",
        ["Jumat, 9 Oktober 2020 13:52"],
        None,
    ),
    (
        "a different time the same day is not the publication time",
        "2026-01-20T18:33+07:00",
        ["20 Januari 2026, 18:30 WIB"],
        None,
    ),
    (
        "another day's time (a related headline) is not taken",
        "2015-11-05",
        ["Rabu, 4 November 2015 21:04 WIB"],
        None,
    ),
    ("a piece with no date is passed over", "2015-11-05", ["Pukul 10:08 WIB"], None),
]


@pytest.mark.parametrize(
    ("declared", "pieces", "expected"),
    [case[1:] for case in VISIBLE_PUBLISHED],
    ids=[case[0] for case in VISIBLE_PUBLISHED],
)
def test_visible_published(declared: str, pieces: list[str], expected: str | None) -> None:
    from cleaner.dates import DateParser
    from cleaner.html import visible_published
    from cleaner.rules import load_builtin

    dates = DateParser.from_rules(load_builtin("id", (), ()))
    assert visible_published(declared, pieces, dates) == expected


def test_timed_lines_reads_dates_shown_in_the_chrome_not_in_scripts() -> None:
    from cleaner.html import parse, timed_lines

    page = (
        "<html><head><script>var t = '2015-11-05 10:08';</script></head><body>"
        "<div class='date'>Kamis, 05 Nov 2015 10:08 WIB</div>"
        "<script>var u = '2016 10:09';</script><p>Isi berita tanpa tanggal.</p></body></html>"
    )
    pieces = timed_lines(parse(page))
    assert len(pieces) == 1
    assert "05 Nov 2015 10:08 WIB" in pieces[0]


@pytest.mark.parametrize(
    ("values", "want"),
    [
        (["banjir, jakarta"], ("banjir", "jakarta")),
        (["samsung,galaxy", "galaxy", " "], ("samsung", "galaxy")),
        (None, ()),
    ],
)
def test_trafilatura_terms_are_split_at_commas(values: Any, want: tuple[str, ...]) -> None:
    from cleaner.html import _terms

    assert _terms(values) == want


def test_date_lines_are_short_blocks_with_a_year_not_scripts() -> None:
    from cleaner.html import date_lines, parse

    page = (
        "<html><body><script>var d = '2015-11-05';</script>"
        "<div class='date'>Sabtu, 14 Maret 2026 | Ditulis oleh: <b>indahts</b></div>"
        "<p>Isi berita yang panjang sekali, ditulis pada hari Senin (20/6/2022) oleh wartawan kami"
        " di lapangan, dengan banyak kalimat lagi sampai melewati seratus huruf.</p>"
        "<p>Jakarta, 24 April 2023</p></body></html>"
    )
    assert date_lines(parse(page)) == (
        "Sabtu, 14 Maret 2026 | Ditulis oleh: indahts",
        "Jakarta, 24 April 2023",
    )


@pytest.mark.parametrize(
    ("day", "lines", "shown"),
    [
        ("2026-03-14", ["Sabtu, 14 Maret 2026 | Ditulis oleh: indahts"], True),
        ("2023-04-24", ["Jakarta, 24 April 2023"], True),
        ("2016-02-23T11:22", ["Selasa, 23 Februari 2016 11:22"], True),
        ("2022-01-01", ["© 2022 Redaksi"], False),  # a copyright's year is no date line
        ("2023-04-25", ["Jakarta, 24 April 2023"], False),  # another day
    ],
)
def test_shown_on_date_line(day: str, lines: list[str], shown: bool) -> None:
    from cleaner.dates import DateParser
    from cleaner.html import shown_on_date_line
    from cleaner.rules import load_builtin

    dates = DateParser.from_rules(load_builtin("id", (), ()))
    assert shown_on_date_line(day, lines, dates) is shown


def test_a_date_inside_a_sentence_is_no_publication_date() -> None:
    """trafilatura's date search reads "(20/6/2022)" out of the sentence; with no date line
    showing that day, `published` stays empty (fixtures/README.md)."""
    html = (
        "<p>Banyuwangi : Polresta Banyuwangi mengamankan belasan pelaku premanisme selama operasi"
        " yang digelar sejak Senin (20/6/2022) di sejumlah titik rawan di kota itu.</p>"
        "<p>Kapolresta menyebut operasi itu akan terus berlanjut hingga akhir bulan dengan"
        " melibatkan ratusan personel gabungan dari berbagai satuan.</p>"
    )
    assert Pipeline().run(html, format="html").metadata["published"] is None


def test_a_date_line_of_the_page_gives_the_publication_date() -> None:
    html = (
        "<p>Kementerian Kesehatan mengimbau masyarakat untuk tetap waspada terhadap penyakit"
        " demam berdarah selama musim hujan yang diperkirakan berlangsung hingga bulan depan.</p>"
        "<p>Masyarakat diminta menguras tempat penampungan air, menutup wadah air, dan mendaur"
        " ulang barang bekas yang bisa menjadi sarang nyamuk di sekitar rumah.</p>"
        "<p>Jakarta, 24 April 2023</p>"
    )
    assert Pipeline().run(html, format="html").metadata["published"] == "2023-04-24"


def test_a_declared_day_without_a_time_confirms_the_publication_date() -> None:
    """The byline's `<time itemprop="datePublished" datetime="...">` gives a day and no time: it is
    the page's own publication date, so trafilatura's date of that day is taken."""
    html = (
        "<article><h1>Council approves the plan</h1><p class='byline'><em>Posted on <time"
        " datetime='2016-09-13' itemprop='datePublished'>September 13, 2016</time></em>"
        "<span class='categ'>in Cities, Transport, Smart Cities, Government, Research</span></p>"
        "<p>The council voted on Tuesday to approve the new housing plan after a debate that"
        " lasted four hours, officials said in a statement on the city's website.</p>"
        "<p>The plan will add two thousand homes over the next five years, the housing minister"
        " told reporters after the vote in the council chamber.</p></article>"
    )
    assert Pipeline().run(html, format="html").metadata["published"] == "2016-09-13"
