"""Images attached to posts: checked by content, bombs refused, metadata removed, scaled down, renamed."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from community import posting
from community.images import clean_image
from community.models import Post


def encoded(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def upload(data, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def reopen(cleaned):
    cleaned.seek(0)
    image = Image.open(io.BytesIO(cleaned.read()))
    image.load()
    return image


def messages(excinfo):
    return " ".join(excinfo.value.messages)


def jpeg_with_exif(size=(40, 20), orientation=1):
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 0.0), 3: "E", 4: (4.0, 53.0, 0.0)}  # GPS: Amsterdam
    return encoded(Image.new("RGB", size, "orange"), "JPEG", exif=exif, quality=90)


def test_exif_and_location_removed_and_picture_turned_upright():
    data = jpeg_with_exif(size=(40, 20), orientation=6)
    assert Image.open(io.BytesIO(data)).getexif()[0x0112] == 6
    cleaned = clean_image(upload(data))
    image = reopen(cleaned)
    assert image.format == "JPEG"
    assert image.size == (20, 40)  # rotated as the camera meant
    assert not image.getexif()
    assert "exif" not in image.info and b"Telefoonmerk" not in cleaned.read()


def test_png_text_and_icc_removed():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jan Jansen, Dorpsstraat 1")
    data = encoded(Image.new("RGBA", (30, 30), (0, 128, 0, 128)), "PNG", pnginfo=info, icc_profile=b"\0" * 128)
    cleaned = clean_image(upload(data, "foto.png", "image/png"))
    image = reopen(cleaned)
    assert image.format == "PNG" and image.mode == "RGBA"
    assert "Author" not in image.info and "icc_profile" not in image.info


def test_webp_accepted():
    cleaned = clean_image(upload(encoded(Image.new("RGB", (30, 20), "red"), "WEBP"), "x.webp", "image/webp"))
    assert cleaned.name.endswith(".webp") and reopen(cleaned).format == "WEBP"


def test_scaled_down_to_1600_pixels():
    cleaned = clean_image(upload(encoded(Image.new("RGB", (3200, 2000), "blue"), "JPEG")))
    assert reopen(cleaned).size == (1600, 1000)
    small = clean_image(upload(encoded(Image.new("RGB", (300, 200), "blue"), "JPEG")))
    assert reopen(small).size == (300, 200)


def test_random_name_with_the_right_extension():
    data = encoded(Image.new("RGB", (10, 10)), "PNG")
    first = clean_image(upload(data, "mijn paspoort.jpg", "image/jpeg"))
    second = clean_image(upload(data, "mijn paspoort.jpg", "image/jpeg"))
    assert first.name != second.name
    assert first.name.endswith(".png") and "paspoort" not in first.name
    assert len(first.name) == len("0123456789abcdef0123456789abcdef.png")


@pytest.mark.parametrize(
    ("data", "name", "content_type"),
    [
        (encoded(Image.new("RGB", (10, 10)), "GIF"), "foto.jpg", "image/jpeg"),
        (encoded(Image.new("RGB", (10, 10)), "BMP"), "foto.png", "image/png"),
        (encoded(Image.new("RGB", (10, 10)), "TIFF"), "foto.jpg", "image/jpeg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "foto.jpg", "image/jpeg"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "foto.jpg", "image/jpeg"),
        (b"<html><script>alert(1)</script></html>", "foto.webp", "image/webp"),
        (b"", "leeg.jpg", "image/jpeg"),
        (encoded(Image.new("RGB", (200, 200), "red"), "JPEG")[:300], "afgebroken.jpg", "image/jpeg"),
    ],
    ids=["gif-as-jpg", "bmp-as-png", "tiff", "svg", "pdf", "html", "empty", "truncated-jpeg"],
)
def test_wrong_type_refused_whatever_the_name_says(data, name, content_type):
    with pytest.raises(ValidationError) as excinfo:
        clean_image(upload(data, name, content_type))
    assert "geen afbeelding die we kunnen tonen" in messages(excinfo)


def png_header_only(width, height):
    """A PNG that claims width x height pixels, with almost no data: what a decompression bomb looks like."""

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = zlib.compress(b"\0" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def test_decompression_bomb_refused_before_decoding():
    with pytest.raises(ValidationError) as excinfo:
        clean_image(upload(png_header_only(100_000, 100_000), "bom.png", "image/png"))
    assert "te veel pixels: hoogstens 25 megapixel" in messages(excinfo)


def test_too_many_pixels_refused(settings):
    settings.COMMUNITY_IMAGE_MAX_PIXELS = 1_000_000
    with pytest.raises(ValidationError):
        clean_image(upload(encoded(Image.new("L", (1001, 1000)), "PNG"), "groot.png", "image/png"))


def test_pillows_own_bomb_check_is_handled(settings, monkeypatch):
    settings.COMMUNITY_IMAGE_MAX_PIXELS = 10**12
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    for width in (40, 100):  # above the limit (warning) and above twice the limit (error)
        with pytest.raises(ValidationError) as excinfo:
            clean_image(upload(encoded(Image.new("RGB", (width, width)), "PNG"), "x.png", "image/png"))
        assert "te veel pixels" in messages(excinfo)


def test_file_over_the_size_limit_refused(settings):
    settings.COMMUNITY_IMAGE_MAX_BYTES = 1000
    noisy = encoded(Image.effect_noise((100, 100), 64).convert("RGB"), "PNG")
    assert len(noisy) > 1000
    with pytest.raises(ValidationError) as excinfo:
        clean_image(upload(noisy, "ruis.png", "image/png"))
    assert "De afbeelding is te groot: hoogstens 1000" in messages(excinfo)


def test_reads_at_most_the_limit(settings):
    """An upload that does not know its size (a stream) is read only up to the limit plus one byte."""
    settings.COMMUNITY_IMAGE_MAX_BYTES = 1000

    class Stream:
        size = None
        asked = []

        def read(self, amount=-1):
            self.asked.append(amount)
            return b"\xff" * (amount if amount > 0 else 10**7)

    stream = Stream()
    with pytest.raises(ValidationError):
        clean_image(stream)
    assert stream.asked == [1001]


def test_animated_image_keeps_its_first_frame():
    frames = [Image.new("RGB", (20, 20), colour) for colour in ("red", "blue", "green")]
    data = encoded(frames[0], "PNG", save_all=True, append_images=frames[1:], duration=100, loop=0)
    assert Image.open(io.BytesIO(data)).is_animated
    image = reopen(clean_image(upload(data, "bewegend.png", "image/png")))
    assert not getattr(image, "is_animated", False)
    assert image.convert("RGB").getpixel((5, 5)) == (255, 0, 0)


def test_animated_gif_refused():
    frames = [Image.new("P", (20, 20), index) for index in range(3)]
    with pytest.raises(ValidationError):
        clean_image(upload(encoded(frames[0], "GIF", save_all=True, append_images=frames[1:]), "x.gif", "image/gif"))


def test_posting_an_image_stores_the_cleaned_file(forum, member):
    post = posting.create_topic(
        user=member,
        forum=forum,
        category=forum.categories.first(),
        title="Met foto",
        body="Zie de foto",
        image=upload(jpeg_with_exif(size=(2000, 1000))),
        image_alt="Een oranje vlak",
    )
    stored = Post.objects.get(pk=post.pk)
    with stored.image.open("rb") as handle:
        image = Image.open(handle)
        assert image.size == (1600, 800) and not image.getexif()
    assert stored.image.name.startswith("community/") and stored.image_alt == "Een oranje vlak"


def test_posting_an_image_without_description_is_refused(forum, member):
    with pytest.raises(posting.PostingError) as excinfo:
        posting.create_reply(
            user=member,
            thread=posting.create_topic(
                user=member, forum=forum, category=forum.categories.first(), title="T", body="B"
            ).thread,
            body="Foto",
            image=upload(jpeg_with_exif()),
            image_alt="   ",
        )
    assert "Beschrijf de afbeelding" in messages(excinfo)


def test_posting_a_bad_image_is_refused_in_dutch(forum, member):
    with pytest.raises(posting.PostingError) as excinfo:
        posting.create_topic(
            user=member,
            forum=forum,
            category=forum.categories.first(),
            title="T",
            body="B",
            image=upload(b"GIF89a nope"),
            image_alt="iets",
        )
    assert "geen afbeelding die we kunnen tonen" in messages(excinfo)
