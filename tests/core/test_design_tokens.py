"""The design system's colours: every text/background pair declared in site.css meets WCAG 2.1 AA.

site.css declares its pairs as custom properties (``--contrast-<name>: <text> <background> [large|ui]``); this test
reads the tokens, resolves ``var()`` and computes the contrast ratio: 4.5:1 for text, 3:1 for large text and parts
of the interface. Rules that set a text colour and a background together are checked too, and every text colour the
stylesheet uses must belong to a declared pair.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

SITE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "site.css"
DECLARATION = re.compile(r"(--[\w-]+)\s*:\s*([^;]+);")
VAR = re.compile(r"var\((--[\w-]+)\)")
HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
COMMENT = re.compile(r"/\*.*?\*/", re.S)


def root_tokens(css):
    css = COMMENT.sub("", css)
    root = re.search(r":root\s*\{([^}]*)\}", css).group(1)
    return dict(DECLARATION.findall(root))


def resolve(value, tokens, depth=0):
    if depth > 10:
        raise ValueError(f"var() loop in {value}")
    return VAR.sub(lambda match: resolve(tokens[match.group(1)], tokens, depth + 1), value.strip())


def luminance(colour):
    digits = HEX.match(colour).group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = []
    for i in range(0, 6, 2):
        c = int(digits[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground, background):
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def declared_pairs(css):
    """{name: (text colour, background colour, required ratio)} from the --contrast-* tokens."""
    tokens = root_tokens(css)
    pairs = {}
    for name, value in tokens.items():
        if not name.startswith("--contrast-"):
            continue
        parts = resolve(value, tokens).split()
        kind = parts[2] if len(parts) > 2 else "text"
        pairs[name] = (parts[0], parts[1], 3.0 if kind in {"large", "ui"} else 4.5)
    return pairs


def rule_pairs(css):
    """(selector, text, background) for every rule that sets both, with the colours resolved."""
    css = COMMENT.sub("", css)
    tokens = root_tokens(css)
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict(re.findall(r"(?:^|;)\s*([\w-]+)\s*:\s*([^;]+)", body))
        text = declarations.get("color")
        background = declarations.get("background-color") or declarations.get("background")
        if text and background:
            text, background = resolve(text, tokens), resolve(background, tokens)
            if HEX.match(text) and HEX.match(background):
                found.append((selector.strip(), text, background))
    return found


def test_contrast_is_computed_as_wcag_does():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)


def test_every_declared_pair_has_enough_contrast():
    pairs = declared_pairs(SITE_CSS.read_text())
    assert len(pairs) >= 10, "site.css declares its text/background pairs as --contrast-* tokens"
    too_low = {
        name: f"{text} on {background}: {contrast(text, background):.2f} < {needed}"
        for name, (text, background, needed) in pairs.items()
        if contrast(text, background) < needed
    }
    assert not too_low


def test_rules_that_set_text_and_background_together_have_enough_contrast():
    found = rule_pairs(SITE_CSS.read_text())
    assert any(".button" in selector for selector, _text, _background in found)
    too_low = [
        f"{selector}: {text} on {background} ({contrast(text, background):.2f})"
        for selector, text, background in found
        if contrast(text, background) < 4.5
    ]
    assert not too_low


def test_every_text_colour_used_belongs_to_a_declared_pair():
    css = COMMENT.sub("", SITE_CSS.read_text())
    tokens = root_tokens(css)
    declared = {text for text, _background, _needed in declared_pairs(css).values()}
    body = css[css.index("}", css.index(":root")) :]
    used = {resolve(value, tokens) for value in re.findall(r"(?<![\w-])color\s*:\s*([^;}]+)", body)}
    assert used - declared == set()


def test_the_stylesheet_uses_tokens_instead_of_raw_colours():
    css = COMMENT.sub("", SITE_CSS.read_text())
    body = css[css.index("}", css.index(":root")) :]
    assert re.findall(r"#[0-9a-fA-F]{3,6}\b", body) == []
    for token in (
        "--font-size-small",
        "--font-size-base",
        "--font-size-md",
        "--font-size-lg",
        "--space-1",
        "--space-6",
    ):
        assert token in root_tokens(css)


def test_a_pair_below_the_threshold_is_caught():
    css = ":root { --color-a: #777777; --color-b: #ffffff; --contrast-weak: var(--color-a) var(--color-b); }"
    ((text, background, needed),) = declared_pairs(css).values()
    assert contrast(text, background) < needed
    css_large = ":root { --contrast-ok: #777777 #ffffff large; }"
    ((text, background, needed),) = declared_pairs(css_large).values()
    assert needed == 3.0 and contrast(text, background) >= needed
    assert rule_pairs(":root { --x: #eee; } .bad { color: var(--x); background: #fff; }") == [(".bad", "#eee", "#fff")]
