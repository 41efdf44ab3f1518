"""Visitors' photos and logos: checked by content and re-encoded without metadata (community.images.clean_image),
stored under a random token with nothing about the visitor, deleted after ``POSTER_UPLOAD_LIFETIME`` seconds
(two hours by default) by ``manage.py purge_poster_uploads``."""

import datetime

from django.conf import settings
from django.utils import timezone

from community.images import clean_image

from .models import PosterUpload

DEFAULT_LIFETIME = 2 * 60 * 60


def lifetime():
    return datetime.timedelta(seconds=getattr(settings, "POSTER_UPLOAD_LIFETIME", DEFAULT_LIFETIME))


def store(upload, kind):
    """The checked upload stored; raises ValidationError (Dutch) for anything that is not a sound picture."""
    cleaned = clean_image(upload)
    stored = PosterUpload(kind=kind)
    extension = cleaned.name.rsplit(".", 1)[-1]
    stored.file.save(f"{stored.token}.{extension}", cleaned, save=False)
    stored.save()
    return stored


def find(token, kind):
    """The stored upload for `token` that has not expired yet, or None."""
    if not token or len(token) > 64:
        return None
    return PosterUpload.objects.filter(token=token, kind=kind, created_at__gte=timezone.now() - lifetime()).first()


def open_image(token, kind):
    upload = find(token, kind)
    if upload is None:
        return None
    try:
        return upload.open_image()
    except (OSError, ValueError):
        return None


def purge(now=None):
    """Delete uploads older than the lifetime, files first; the number deleted."""
    cutoff = (now or timezone.now()) - lifetime()
    count = 0
    for upload in PosterUpload.objects.filter(created_at__lt=cutoff).iterator():
        upload.file.delete(save=False)
        upload.delete()
        count += 1
    return count
