"""What members write: a small Markdown subset rendered to HTML, sanitised with nh3, with @mentions.

The subset: paragraphs, line breaks, *emphasis* and **strong**, [links](https://…) and <https://…> autolinks,
bullet and numbered lists, > quotes, `inline code` and code blocks. No raw HTML (it is shown as text), no images,
no headings or tables. Links keep only the http, https and mailto schemes and always get
``rel="nofollow ugc noopener"``. ``@username`` becomes a link to the member's page when that member exists and is
active and not blocked; anything else stays text.

The markdown renderer already escapes what it does not understand; nh3 afterwards allows exactly the tags and
attributes the subset produces, so a bug in one layer is caught by the other.
"""

import hashlib
import re
from urllib.parse import unquote

import nh3
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre"}
# "*": no attribute on every tag (nh3 would allow lang and title everywhere by default).
ALLOWED_ATTRIBUTES = {"*": set(), "a": {"href"}, "ol": {"start"}}
ALLOWED_CLASSES = {"a": {"mention"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

# At most this many different @names are looked up per text (a text full of mentions costs one query anyway).
MAX_MENTIONS = 20

# @name not preceded by a word character, "@" or "/" (so e-mail addresses and URLs are no mentions); a name may
# hold letters, digits and . + - _ but does not end in a full stop or other punctuation.
MENTION = re.compile(r"(?<![\w@/.+-])@(\w(?:[\w.+-]*\w)?)")


def _markdown():
    md = MarkdownIt("zero", {"html": False, "breaks": True, "linkify": False, "typographer": False})
    md.enable(
        [
            "paragraph",
            "list",
            "blockquote",
            "code",
            "fence",
            "newline",
            "escape",
            "entity",
            "backticks",
            "emphasis",
            "link",
            "autolink",
        ]
    )
    md.validateLink = _safe_link
    md.core.ruler.push("mentions", _mentions_rule)
    return md


def _safe_link(url):
    """Only http(s), mailto and relative links. markdown-it passes the entity-decoded URL; percent-decoded too here,
    so "%6A%61%76%61script:" counts as the scheme it spells (browsers would not run it, but it is no link either)."""
    value = re.sub(r"[\x00-\x20\x7f]+", "", unquote(url)).lower()
    head = re.split(r"[/?#]", value, maxsplit=1)[0]
    # Anything before a colon in the first part counts as a scheme (also what no browser would take for one).
    return ":" not in head or head.split(":", 1)[0] in URL_SCHEMES


def _member_url(username):
    try:
        return reverse("accounts_member", args=[username])
    except NoReverseMatch:
        return f"/leden/{username}/"


def _mentions_rule(state):
    """Replace @name in text tokens (not in links or code) by a link, for the names in env["members"]."""
    members = state.env.get("members") or {}
    if not members:
        return
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children = []
        in_link = 0
        for token in block.children:
            if token.type == "link_open":
                in_link += 1
            elif token.type == "link_close":
                in_link -= 1
            if token.type != "text" or in_link or "@" not in token.content:
                children.append(token)
                continue
            position = 0
            for match in MENTION.finditer(token.content):
                username = members.get(match.group(1).casefold())
                if username is None:
                    continue
                if match.start() > position:
                    children.append(_text(token.content[position : match.start()]))
                link = Token("link_open", "a", 1)
                link.attrs = {"href": _member_url(username), "class": "mention"}
                children += [link, _text(match.group(0)), Token("link_close", "a", -1)]
                position = match.end()
            if position < len(token.content):
                children.append(_text(token.content[position:]))
        block.children = children


def _text(content):
    token = Token("text", "", 0)
    token.content = content
    return token


_MD = _markdown()


def mentioned_usernames(text):
    """The distinct @names in `text` as written (not checked against members), at most MAX_MENTIONS."""
    names = []
    seen = set()
    for match in MENTION.finditer(text or ""):
        name = match.group(1)
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
        if len(names) == MAX_MENTIONS:
            break
    return names


def mentioned_members(text):
    """The active, not blocked members @mentioned in `text` (one query)."""
    names = mentioned_usernames(text)
    if not names:
        return []
    matches = Q()
    for name in names:
        matches |= Q(username__iexact=name)
    users = get_user_model().objects.filter(matches, is_active=True)
    users = users.exclude(profile__blocked_at__isnull=False)
    wanted = {name.casefold() for name in names}
    return [user for user in users if user.username.casefold() in wanted]


def render_markdown(text, *, members=None):
    """`text` (the member's Markdown) as sanitised HTML. `members`: the mentionable users (looked up if None)."""
    text = text or ""
    if members is None:
        members = mentioned_members(text)
    env = {"members": {user.username.casefold(): user.username for user in members}}
    html = _MD.render(text, env)
    return sanitise(html)


def sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def normalised_digest(text):
    """A fingerprint of the text for "the same text twice": case, spacing and Markdown punctuation don't count."""
    value = re.sub(r"[\W_]+", " ", (text or "").casefold()).strip() or (text or "").strip()
    return hashlib.sha256(value.encode()).hexdigest()


def quote_html(quoted_post, *, words=80):
    """The quote shown above a reply: "<naam> schreef:" and the quoted post's text (shortened), as a blockquote.

    Empty when the quoted post is gone or not visible (a hidden post must not leak through a quote). The name is
    escaped; the text is the quoted post's already sanitised HTML, shortened tag-aware.
    """
    from accounts.profiles import display_name
    from community.models import PostStatus

    if quoted_post is None or quoted_post.status != PostStatus.VISIBLE:
        return ""
    body = Truncator(quoted_post.body_html).words(words, html=True, truncate="…")
    return format_html(
        '<blockquote class="post-quote"><p class="post-quote__author">{}</p>{}</blockquote>',
        _("%(name)s wrote:") % {"name": display_name(quoted_post.author)},
        mark_safe(sanitise(body)),  # noqa: S308 (sanitised just now)
    )
