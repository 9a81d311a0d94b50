"""Text analysis for French and English, with no language detection.

Every text field is indexed three ways, queried together: accent-folded words (so
"reseaux" finds "réseaux" and "Helene" finds "Hélène"), French Snowball stems with elision
("l'entreprise" finds "entreprise", "licencier" finds "licenciement") and English Snowball
stems (the database engine stems with the same algorithms). Names also get edge n-grams
for type-ahead.
"""

from elasticsearch.dsl import Text, analyzer, token_filter, tokenizer

FRENCH_ELISION = token_filter("french_elision", "elision", articles_case=True, articles=[
    "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"])
FRENCH_STEM = token_filter("french_stem", "stemmer", language="french")
ENGLISH_STEM = token_filter("english_stem", "stemmer", language="porter2")
ENGLISH_POSSESSIVE = token_filter("english_possessive", "stemmer",
                                  language="possessive_english")
PREFIXES = token_filter("name_prefixes", "edge_ngram", min_gram=1, max_gram=20)

FOLDED = analyzer("folded", tokenizer="standard",
                  filter=[FRENCH_ELISION, "lowercase", "asciifolding"])
FRENCH = analyzer("french_stemmed", tokenizer="standard",
                  filter=[FRENCH_ELISION, "lowercase", "asciifolding", FRENCH_STEM])
ENGLISH = analyzer("english_stemmed", tokenizer="standard",
                   filter=[ENGLISH_POSSESSIVE, "lowercase", "asciifolding", ENGLISH_STEM])
NAME_PREFIX = analyzer("name_prefix", tokenizer=tokenizer("name_words", "standard"),
                       filter=["lowercase", "asciifolding", PREFIXES])


def multilingual_text(**kwargs) -> Text:
    """A text field with its French, English and folded forms."""
    return Text(analyzer=FOLDED, fields={"fr": Text(analyzer=FRENCH),
                                         "en": Text(analyzer=ENGLISH)}, **kwargs)


def name_text() -> Text:
    """A person's or a group's name: also matched on word prefixes, for type-ahead."""
    return Text(analyzer=FOLDED, fields={
        "fr": Text(analyzer=FRENCH), "en": Text(analyzer=ENGLISH),
        "prefix": Text(analyzer=NAME_PREFIX, search_analyzer=FOLDED)})
