"""An image attached to a post: checked by its content, re-encoded without metadata, scaled down, renamed.

Whatever the file's name or content type claims, only JPEG, PNG and WebP pictures are accepted, as Pillow reads
them. At most ``COMMUNITY_IMAGE_MAX_BYTES`` (5 MB) are read, and the pixel count is checked before anything is
decoded (``COMMUNITY_IMAGE_MAX_PIXELS``, 25 megapixels), so a decompression bomb is refused instead of filling the
memory. An animated image keeps its first frame. Re-encoding drops EXIF (location, camera), XMP, ICC and text
chunks; the picture is turned upright first (EXIF orientation) and scaled down to at most 1600 px on its longest
side. The stored file gets a random name.
"""

import io
import secrets
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000
MAX_SIDE = 1600


def _setting(name, default):
    return getattr(settings, name, default)


def clean_image(upload):
    """`upload` (an uploaded file) checked and re-encoded: a ContentFile with a random name, or ValidationError."""
    max_bytes = _setting("COMMUNITY_IMAGE_MAX_BYTES", MAX_BYTES)
    max_pixels = _setting("COMMUNITY_IMAGE_MAX_PIXELS", MAX_PIXELS)
    max_side = _setting("COMMUNITY_IMAGE_MAX_SIDE", MAX_SIDE)
    too_large = ValidationError(
        _("The image is too large: at most %(size)s.") % {"size": filesizeformat(max_bytes)}, code="image_too_large"
    )
    not_an_image = ValidationError(
        _("This file is not a picture we can show. Attach a JPEG, PNG or WebP image."), code="image_type"
    )
    if getattr(upload, "size", None) is not None and upload.size > max_bytes:
        raise too_large
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large
    if not data:
        raise not_an_image

    with warnings.catch_warnings():
        # Pillow warns (and above twice its limit refuses) for huge images; the own pixel limit below is lower.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            if image.format not in FORMATS:
                raise not_an_image
            width, height = image.size
            if width * height > max_pixels or width > 50_000 or height > 50_000:
                raise ValidationError(
                    _("The image has too many pixels: at most %(megapixels)s megapixels.")
                    % {"megapixels": max_pixels // 1_000_000},
                    code="image_pixels",
                )
            source_format = image.format
            if getattr(image, "is_animated", False):
                image.seek(0)
            if source_format == "JPEG":
                # Decode at a reduced scale when the result is scaled down anyway (less memory, faster).
                image.draft("RGB", (max_side, max_side))
            image.load()
            image = ImageOps.exif_transpose(image)
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ValidationError(
                _("The image has too many pixels: at most %(megapixels)s megapixels.")
                % {"megapixels": max_pixels // 1_000_000},
                code="image_pixels",
            ) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise not_an_image from None

    if source_format == "JPEG":
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA")
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    # Some encoders copy metadata (EXIF, ICC, XMP, PNG text) from .info: start from nothing.
    image.info = {}
    output = io.BytesIO()
    if source_format == "JPEG":
        image.save(output, "JPEG", quality=85, optimize=True)
    elif source_format == "PNG":
        image.save(output, "PNG", optimize=True)
    else:
        image.save(output, "WEBP", quality=85)
    cleaned = ContentFile(output.getvalue(), name=f"{secrets.token_hex(16)}.{FORMATS[source_format]}")
    cleaned.community_cleaned = True  # community.posting does not check it a second time
    return cleaned
