import pytest
from wagtail.blocks import StructBlockValidationError

from core.blocks import CallToActionBlock, ImageBlock


def test_call_to_action_needs_exactly_one_target():
    block = CallToActionBlock()
    value = block.to_python({"title": "Doe mee", "text": "", "link_text": "Ga", "page": None, "url": ""})
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_call_to_action_refuses_page_and_url_together(home_page):
    block = CallToActionBlock()
    value = block.to_python(
        {"title": "Doe mee", "text": "", "link_text": "Ga", "page": home_page.pk, "url": "https://example.org/"}
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_image_block_requires_alt_text():
    assert ImageBlock().child_blocks["alt_text"].required
