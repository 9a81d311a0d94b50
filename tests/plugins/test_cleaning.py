"""Outside HTML becomes safe HTML and plain text that reads as the channel shows it."""

import pytest

from intranet.plugins.cleaning import clean_html

pytestmark = pytest.mark.smoke


def test_hashtags_and_mentions_keep_their_words_whole():
    mastodon = ('<p>Our lab opens <a href="https://social.example/tags/innovation" '
                'class="mention hashtag" rel="tag">#<span>innovation</span></a> with '
                '<span class="h-card"><a href="https://social.example/@camille_r" '
                'class="u-url mention">@<span>camille_r</span></a></span></p>'
                '<p>Visit us</p>Friday<br>at 10<ul><li>Paris</li><li>Lyon</li></ul>')
    cleaned = clean_html(mastodon, "https://social.example/@acme/1")
    assert cleaned.text == ("Our lab opens #innovation with @camille_r Visit us Friday at 10 "
                            "Paris Lyon")
    assert "<script" not in clean_html("<p>a</p><script>alert(1)</script>", "https://x/").html
