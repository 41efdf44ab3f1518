"""Where the site is served: the hostname and port of the Wagtail `Site`.

Wagtail builds every absolute link from the Site record (canonical and share links, sitemaps, feeds,
iCalendar, e-mails), so it must say where the site really is. `seed_demo --host --port` sets it for
`make run`; `manage.py configure_site` sets it from the `SITE_URL` setting in production.
"""

from urllib.parse import urlsplit

from wagtail.models import Site

# Wagtail's Site.root_url derives the scheme from the port: 443 is https, anything else http.
SCHEME_PORTS = {"http": 80, "https": 443}


class SiteAddressError(ValueError):
    pass


def parse_site_url(url):
    """(hostname, port) of the public base URL, e.g. "https://kennisplatform.nl" -> ("kennisplatform.nl", 443)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise SiteAddressError(f"{url!r} is not a valid URL: {error}") from error
    if parts.scheme not in SCHEME_PORTS or not parts.hostname:
        raise SiteAddressError(f"{url!r} is not an absolute http:// or https:// URL.")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise SiteAddressError(f"{url!r} must be the bare address of the site root, e.g. https://kennisplatform.nl.")
    port = port or SCHEME_PORTS[parts.scheme]
    if parts.scheme == "https" and port != 443:
        raise SiteAddressError(f"{url!r}: Wagtail links to https only on port 443 (other ports become http://).")
    if parts.scheme == "http" and port == 443:
        raise SiteAddressError(f"{url!r}: Wagtail links to port 443 as https://.")
    return parts.hostname, port


def set_site_address(site, hostname=None, port=None):
    """Give `site` this hostname and/or port. Returns the previous root URL, or None when nothing changed."""
    hostname = (hostname or site.hostname).lower()
    port = int(port or site.port)
    if (site.hostname, site.port) == (hostname, port):
        return None
    taken = Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).first()
    if taken is not None:
        raise SiteAddressError(f"{hostname}:{port} belongs to another site already: {taken}.")
    previous = site.root_url
    site.hostname, site.port = hostname, port
    site.save()  # Wagtail's signal handlers clear the cached site root paths
    return previous


def default_site():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise SiteAddressError("There is no default site; create one in the admin (Instellingen → Sites) first.")
    return site
