"""What members write becomes safe HTML: the Markdown subset, the XSS corpus, mentions and quotes."""

import html
from html.parser import HTMLParser

import pytest

from community import posting
from community.factories import MemberFactory, PostFactory, TopicFactory
from community.models import PostStatus
from community.text import ALLOWED_TAGS, mentioned_usernames, quote_html, render_markdown

XSS_CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    "<a href='https://example.nl' onclick='alert(1)'>x</a>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](javas&#99;ript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
    "[x](&#x6a;avascript:alert(1))",
    "[x](%6A%61%76%61script:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](javascript://%0aalert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](DATA:text/html,<script>alert(1)</script>)",
    "[x](vbscript:msgbox(1))",
    "[x](VbScRiPt:msgbox(1))",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "<data:text/html,alert(1)>",
    "![x](javascript:alert(1))",
    "![x](https://evil.example/track.png)",
    '![x" onerror="alert(1)](https://example.nl/a.png)',
    '[x](https://example.nl/" onmouseover="alert(1))',
    '[x](https://example.nl "title\\" onmouseover=alert(1)")',
    '[x" onclick="alert(1)](https://example.nl)',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<div><p><b><i>unclosed <script>alert(1)",
    "<<script>script>alert(1)<</script>/script>",
    "<!-- <script>alert(1)</script> -->",
    "<iframe src=javascript:alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<object data=javascript:alert(1)>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<details open ontoggle=alert(1)>",
    "@<script>alert(1)</script>",
    "@anna<img src=x onerror=alert(1)>",
    "[@anna](javascript:alert(1))",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "```js onload=alert(1)\nx\n```",
    "> <script>alert(1)</script>",
    "- <img src=x onerror=alert(1)>\n- [x](javascript:alert(1))",
    "[a](https://example.nl)<b onmouseover=alert(1)>b</b>",
    "**[x](javascript:alert(1))**",
    "_<svg/onload=alert(1)>_",
    "<a href=https://example.nl>ok</a>",
    "\x3cscript\x3ealert(1)\x3c/script\x3e",
    "<scr<script>ipt>alert(1)</script>",
    "[x](java\u0000script:alert(1))",
    "[x](java\nscript:alert(1))",
]


class Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(markup):
    inspector = Inspector()
    inspector.feed(markup)
    inspector.close()
    return inspector.elements


def assert_safe(markup):
    for tag, attrs in elements(markup):
        assert tag in ALLOWED_TAGS, (tag, markup)
        for name in attrs:
            assert not name.lower().startswith("on"), (name, markup)
            assert name in {"href", "rel", "class", "start"}, (name, markup)
        if tag == "a":
            href = "".join(ch for ch in html.unescape(attrs.get("href", "")) if ch > " ").lower()
            assert not href.startswith(("javascript:", "data:", "vbscript:")), markup
            assert ":" not in href.split("/")[0] or href.split(":")[0] in {"http", "https", "mailto"}, markup
            assert attrs.get("rel") == "nofollow ugc noopener", markup
    assert "<script" not in markup.lower() and "<svg" not in markup.lower()


@pytest.fixture
def anna(db):
    return MemberFactory(username="anna", first_name="Anna")


@pytest.mark.parametrize("text", XSS_CORPUS)
def test_xss_corpus_renders_safe_html(anna, text):
    assert_safe(render_markdown(text))


def test_xss_corpus_posted_through_posting_is_stored_safe(forum, anna, settings):
    settings.COMMUNITY_MIN_SECONDS_BETWEEN_POSTS = 0
    settings.COMMUNITY_DUPLICATE_WINDOW_SECONDS = 0
    thread = posting.create_topic(
        user=anna, forum=forum, category=forum.categories.first(), title="<script>alert(1)</script>", body="Start"
    ).thread
    for text in XSS_CORPUS:
        if "\x00" in text:
            with pytest.raises(posting.PostingError):
                posting.create_reply(user=anna, thread=thread, body=text)
            continue
        post = posting.create_reply(user=anna, thread=thread, body=text)
        assert_safe(post.body_html)
    # The title is stored as typed; templates escape it (see test_post_form_escapes_what_was_typed).
    thread.refresh_from_db()
    assert thread.title == "<script>alert(1)</script>"
    assert thread.slug == "scriptalert1script"


def test_links_keep_their_text_and_get_rel():
    markup = render_markdown("[de VNG](https://vng.nl/inclusie) en <https://www.example.nl> en [mail](mailto:a@b.nl)")
    assert markup == (
        '<p><a href="https://vng.nl/inclusie" rel="nofollow ugc noopener">de VNG</a> en '
        '<a href="https://www.example.nl" rel="nofollow ugc noopener">https://www.example.nl</a> en '
        '<a href="mailto:a@b.nl" rel="nofollow ugc noopener">mail</a></p>\n'
    )


def test_unsafe_link_stays_visible_as_text():
    assert render_markdown("[klik](javascript:alert(1))") == "<p>[klik](javascript:alert(1))</p>\n"


def test_markdown_subset():
    text = (
        "Eerste regel\ntweede regel\n\n*schuin* en **vet** en `code`\n\n- een\n- twee\n\n3. drie\n4. vier\n\n"
        "> geciteerd\n\n```\nblok <b>\n```\n\n# geen kop\n\n---\n\n| geen | tabel |\n\nhttps://niet.automatisch.nl"
    )
    assert render_markdown(text) == (
        "<p>Eerste regel<br>\ntweede regel</p>\n"
        "<p><em>schuin</em> en <strong>vet</strong> en <code>code</code></p>\n"
        "<ul>\n<li>een</li>\n<li>twee</li>\n</ul>\n"
        '<ol start="3">\n<li>drie</li>\n<li>vier</li>\n</ol>\n'
        "<blockquote>\n<p>geciteerd</p>\n</blockquote>\n"
        "<pre><code>blok &lt;b&gt;\n</code></pre>\n"
        "<p># geen kop</p>\n<p>---</p>\n<p>| geen | tabel |</p>\n<p>https://niet.automatisch.nl</p>\n"
    )


def test_mentions_link_existing_active_members_only(db):
    MemberFactory(username="anna", first_name="Anna")
    MemberFactory(username="bram", is_active=False)
    from django.utils import timezone

    MemberFactory(username="geblokkeerd", profile__blocked_at=timezone.now())
    markup = render_markdown("Hoi @Anna, @bram, @geblokkeerd en @onbekend. Mail anna@example.nl; `@anna`")
    assert markup == (
        '<p>Hoi <a href="/leden/anna/" class="mention" rel="nofollow ugc noopener">@Anna</a>, @bram, '
        "@geblokkeerd en @onbekend. Mail anna@example.nl; <code>@anna</code></p>\n"
    )


def test_mentioned_usernames():
    assert mentioned_usernames("@anna en @Anna, @bram. e-mail: x@y.nl, @jan-piet_2.") == ["anna", "bram", "jan-piet_2"]
    assert mentioned_usernames("") == []


def test_mention_inside_link_text_stays_text(db):
    MemberFactory(username="anna")
    assert render_markdown("[@anna](https://example.nl)") == (
        '<p><a href="https://example.nl" rel="nofollow ugc noopener">@anna</a></p>\n'
    )


def test_quote_names_the_author_and_escapes(forum):
    author = MemberFactory(username="citaat", profile__display_name='<script>alert("x")</script> Piet')
    thread = TopicFactory(forum=forum)
    quoted = PostFactory(thread=thread, author=author, body="Wij **zijn** blij")
    markup = quote_html(quoted)
    assert markup == (
        '<blockquote class="post-quote"><p class="post-quote__author">'
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Piet schreef:</p>"
        "<p>Wij <strong>zijn</strong> blij</p>\n</blockquote>"
    )
    quoted.status = PostStatus.HIDDEN
    assert quote_html(quoted) == ""
    quoted.status = PostStatus.VISIBLE
    quoted.author = None
    assert "verwijderd account schreef:" in quote_html(quoted)
