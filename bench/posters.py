"""Poster maker benchmark: time to render each format of each demo template (p50/p95), as PNG (and PDF for the print
formats), plus the small preview the page shows and the share image of a page (render_text_card).

    python bench/posters.py                  # 20 rounds per template and format, temporary SQLite database
    python bench/posters.py --rounds 50

Each template is built as seed_demo builds it (artwork drawn with Pillow); a photo and a logo are added in every
render. A render is everything the download view does after validation: loading the design (zones, artwork from
the process's cache after the first time), fitting the texts, drawing, encoding. The first render of each
template and format (artwork decode, fonts) is a warm-up and not counted.
"""

import argparse
import statistics
import time

from _database import setup_django

TEXTS = {
    "headline": "Vrijwilligers gezocht voor de buurtmoestuin in Vrijwilligersorganisatiestad!",
    "subline": "Help op zaterdagochtend mee in de moestuin. Ervaring is niet nodig; we leren je alles.",
    "organisation": "Gemeente Voorbeeld",
    "cta": "Meld je aan op voorbeeld.nl",
}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(function, rounds):
    function()  # warm-up
    times = []
    for _round in range(rounds):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    setup_django(None, "posters")

    from PIL import Image

    from campaign.posters import engine
    from campaign.posters.demo import seed_templates
    from campaign.posters.models import PosterTemplate
    from campaign.posters.views import PREVIEW_SIDE
    from core.demo import DemoBuilder

    seed_templates(DemoBuilder())
    photo = Image.new("RGB", (1600, 1200), "#884422")
    logo = Image.new("RGBA", (400, 200), (255, 255, 255, 255))
    rows = []
    for template_id in PosterTemplate.objects.order_by("sort_order").values_list("pk", flat=True):
        for format_key in engine.FORMATS:

            def download(template_id=template_id, format_key=format_key):
                template = PosterTemplate.objects.prefetch_related("zones").get(pk=template_id)
                return engine.render_png(template, format_key, TEXTS, photo, logo)

            name = PosterTemplate.objects.get(pk=template_id).name
            rows.append((name, f"{format_key} PNG", *measure(download, args.rounds)))
            poster_format = engine.FORMATS[format_key]
            scale = min(1.0, PREVIEW_SIDE / max(poster_format.canvas_size))

            def preview(template_id=template_id, format_key=format_key, scale=scale):
                template = PosterTemplate.objects.prefetch_related("zones").get(pk=template_id)
                return engine.render_png(template, format_key, TEXTS, photo, logo, scale=scale)

            rows.append((name, f"{format_key} preview", *measure(preview, args.rounds)))
            if poster_format.is_print:

                def pdf(template_id=template_id, format_key=format_key):
                    template = PosterTemplate.objects.prefetch_related("zones").get(pk=template_id)
                    return engine.render_pdf(template, format_key, TEXTS, photo, logo)

                rows.append((name, f"{format_key} PDF", *measure(pdf, args.rounds)))

    rows.append(
        (
            "house style",
            "share image (link)",
            *measure(lambda: engine.render_text_card(title=TEXTS["headline"]), args.rounds),
        )
    )
    print(f"{'template':<24} {'output':<20} {'p50 ms':>8} {'p95 ms':>8}")
    for name, output, p50, p95 in rows:
        print(f"{name:<24} {output:<20} {p50:>8.0f} {p95:>8.0f}")
    square = [p95 for name, output, _p50, p95 in rows if output == "square PNG"]
    print(f"\nslowest square PNG p95: {max(square):.0f} ms (goal: well under 500 ms)")


if __name__ == "__main__":
    main()
