"""cleaner: scraped news articles in, clean article text and a JSON sidecar out.

    >>> import cleaner
    >>> result = cleaner.clean("Seoul (ANTARA) - Pemimpin Korea Utara Kim Jong-un dan Presiden "
    ...                        "Rusia Vladimir Putin dijadwalkan akan mengadakan pertemuan puncak.")
    >>> result.text
    'Pemimpin Korea Utara Kim Jong-un dan Presiden Rusia Vladimir Putin dijadwalkan akan mengadakan pertemuan puncak.\\n'
    >>> result.metadata["dateline"]
    {'text': 'Seoul (ANTARA) -', 'place': 'Seoul', 'outlet': 'ANTARA'}

For loops, build a `Pipeline` once and call `run` per document.
"""

from __future__ import annotations

from cleaner.config import Config, load_config
from cleaner.errors import CleanerError, ConfigError, InputError, RuleError
from cleaner.pipeline import DEFAULT_PIPELINE, Pipeline, Result

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_PIPELINE",
    "CleanerError",
    "Config",
    "ConfigError",
    "InputError",
    "Pipeline",
    "Result",
    "RuleError",
    "__version__",
    "clean",
    "load_config",
]

_default: Pipeline | None = None


def clean(
    text_or_html: str,
    *,
    url: str | None = None,
    lang: str | None = None,
    config: Config | None = None,
) -> Result:
    """Clean one article given as text or HTML; return a Result with `.text` and `.metadata`.

    HTML (a page or a fragment) is recognised by its tags and extracted with trafilatura first.
    `url` helps extraction and names the page in the sidecar; `lang` is `id`, `ms`, `en` or None
    (detect). Passing a `config` builds a new Pipeline each call: for many documents, build one
    `Pipeline(config)` and call its `run`.
    """
    global _default
    if config is not None:
        return Pipeline(config).run(text_or_html, lang=lang, url=url, format="auto")
    if _default is None:
        _default = Pipeline()
    return _default.run(text_or_html, lang=lang, url=url, format="auto")
