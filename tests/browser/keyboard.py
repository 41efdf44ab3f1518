"""Keyboard helpers of the browser journeys: where the focus is, and moving it with Tab only."""

import pytest


def focused(page, selector):
    """Whether the element that has the focus matches the CSS `selector`."""
    return page.evaluate(f"document.activeElement && document.activeElement.matches({selector!r})")


def tab_to(page, target, limit=400):
    """Press Tab until `target` (a Playwright locator, or a CSS selector) has the focus, as a keyboard user would.

    Nothing is pressed when it has the focus already; fails after `limit` presses.
    """
    for _ in range(limit):
        if isinstance(target, str):
            if focused(page, target):
                return
        elif target.evaluate("node => node === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"cannot reach {target} with Tab")
