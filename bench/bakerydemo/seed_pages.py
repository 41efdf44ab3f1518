"""Add published blog posts to a stock bakerydemo, for the side-by-side comparison with bench/pages.py.

Run inside bakerydemo's checkout, with its settings in the environment (see README.md beside this file):

    python /path/to/kennisplatform/bench/bakerydemo/seed_pages.py 2000

The posts are copies of the demo's six (title, introduction, image, body, authors, tags) under a new, live blog
index page /blog-archive/ that no menu shows: under /blog/ itself, the stock index page would render every post
(2.6 MB of HTML, seconds per request) and the comparison would measure that instead. Run `manage.py fixtree`
afterwards to check the tree.
"""

import os
import sys
import time

sys.path.insert(0, os.getcwd())

import django  # noqa: E402 - after the checkout is on the path

django.setup()

from bakerydemo.blog.models import BlogIndexPage, BlogPage, BlogPersonRelationship  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402


def main(count):
    blog = BlogIndexPage.objects.get(url_path="/home/blog/")
    copies = BlogPage.objects.filter(slug__startswith="bench-copy-")
    if copies.exists():
        print(f"Already seeded: {copies.count()} copies")
        return
    originals = list(BlogPage.objects.child_of(blog).order_by("path"))
    now = timezone.now()
    archive = blog.get_parent().add_child(
        instance=BlogIndexPage(
            title="Blog archive",
            slug="blog-archive",
            introduction=blog.introduction,
            image_id=blog.image_id,
            live=True,
            show_in_menus=False,
            locale_id=blog.locale_id,
            first_published_at=now,
            last_published_at=now,
        )
    )
    began = time.perf_counter()
    with transaction.atomic():
        for number in range(count):
            original = originals[number % len(originals)]
            post = BlogPage(
                title=f"{original.title} (copy {number})",
                slug=f"bench-copy-{number:05d}",
                subtitle=original.subtitle,
                introduction=original.introduction,
                image_id=original.image_id,
                body=original.body.raw_data,
                date_published=original.date_published,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=original.locale_id,
                owner_id=original.owner_id,
            )
            BlogIndexPage.objects.get(pk=archive.pk).add_child(instance=post)  # treebeard needs a fresh parent
            for relation in original.blog_person_relationship.all():
                BlogPersonRelationship.objects.create(
                    page=post, person_id=relation.person_id, sort_order=relation.sort_order
                )
            post.tags.set(list(original.tags.all()))
            post.save()
    print(f"{count} posts in {time.perf_counter() - began:.0f} s; {Page.objects.live().count()} live pages in all")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
