"""Matching (koppeling): which municipalities a municipality could learn from, and why.

The ranking is a pure function over plain data (``Candidate``), so it is tested without a database and
computed for one municipality page or for all municipalities (the admin report) from the same few queries.

How peers are ranked (``score``):

- every life domain both agendas cover counts ``SHARED_DOMAIN_WEIGHT`` (10): shared work weighs most, one
  shared domain outweighs size and province together;
- a similar size (the larger has at most ``SIMILAR_SIZE_RATIO`` times the inhabitants of the smaller)
  adds ``SIMILAR_SIZE_WEIGHT`` (3);
- the same province adds ``SAME_PROVINCE_WEIGHT`` (2).

Tie rule: at the same score the municipality closest in size comes first (unknown sizes last), then the
name in alphabetical order, then the CBS code, so the order never depends on the database.

Only municipalities with an agenda are peers (they have something to share), and only with at least one
reason (score above zero). A municipality without an agenda (or with an agenda that names no life domain
yet) still gets peers: municipalities with an agenda of a similar size or in the same province, with the
reason starting "heeft al een Lokale Inclusie Agenda".
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

SHARED_DOMAIN_WEIGHT = 10
SIMILAR_SIZE_WEIGHT = 3
SAME_PROVINCE_WEIGHT = 2
SIMILAR_SIZE_RATIO = 1.5
DEFAULT_LIMIT = 5


@dataclass(frozen=True)
class Candidate:
    """One municipality as the ranking sees it. ``life_domains`` is None when it has no (public) agenda."""

    id: int
    name: str
    province: str = ""
    inhabitants: int | None = None
    life_domains: frozenset | None = None
    code: str = ""  # CBS code: the last tie-breaker

    @property
    def has_agenda(self):
        return self.life_domains is not None


@dataclass(frozen=True)
class Peer:
    """A ranked peer of ``subject`` with what the two have in common."""

    candidate: Candidate
    shared_domains: tuple  # in the order of ``domain_order``
    similar_size: bool
    same_province: bool
    subject_has_domains: bool
    domain_labels: dict
    province_labels: dict

    @property
    def score(self):
        return (
            SHARED_DOMAIN_WEIGHT * len(self.shared_domains)
            + SIMILAR_SIZE_WEIGHT * self.similar_size
            + SAME_PROVINCE_WEIGHT * self.same_province
        )

    @property
    def reasons(self):
        """The reasons as short Dutch phrases, most important first."""
        parts = []
        if self.shared_domains:
            labels = [lowercase_first(str(self.domain_labels.get(domain, domain))) for domain in self.shared_domains]
            parts.append(_("works on %(domains)s too") % {"domains": join_words(labels)})
        elif not self.subject_has_domains:
            parts.append(_("already has a Local Inclusion Agenda"))
        if self.similar_size:
            parts.append(_("similar size"))
        if self.same_province:
            province = self.province_labels.get(self.candidate.province, self.candidate.province)
            parts.append(_("also in %(province)s") % {"province": province})
        return parts

    @property
    def reason(self):
        """E.g. "werkt ook aan wonen en vervoer; vergelijkbare grootte"."""
        return "; ".join(self.reasons)


def lowercase_first(text):
    return text[:1].lower() + text[1:]


def join_words(words):
    """ "a", "a en b", "a, b en c" (the conjunction translated)."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return _("%(items)s and %(last)s") % {"items": ", ".join(words[:-1]), "last": words[-1]}


def similar_size(a, b):
    if not a or not b:
        return False
    return max(a, b) / min(a, b) <= SIMILAR_SIZE_RATIO


def size_distance(a, b):
    """How far apart two sizes are (on a log scale, so 10,000 vs 20,000 equals 100,000 vs 200,000)."""
    if not a or not b:
        return math.inf
    return abs(math.log(a / b))


def rank_peers(subject, candidates, *, limit=DEFAULT_LIMIT, domain_order=(), domain_labels=None, province_labels=None):
    """The best ``limit`` peers of ``subject`` among ``candidates`` (``Candidate``s; the subject may be among
    them), best first. ``domain_order`` orders the shared domains in the reason; labels map values to names."""
    domain_labels = domain_labels or {}
    province_labels = province_labels or {}
    position = {domain: index for index, domain in enumerate(domain_order)}
    own_domains = subject.life_domains or frozenset()
    ranked = []
    for candidate in candidates:
        if candidate.id == subject.id or not candidate.has_agenda:
            continue
        shared = tuple(sorted(own_domains & candidate.life_domains, key=lambda d: (position.get(d, len(position)), d)))
        peer = Peer(
            candidate=candidate,
            shared_domains=shared,
            similar_size=similar_size(subject.inhabitants, candidate.inhabitants),
            same_province=bool(subject.province) and subject.province == candidate.province,
            subject_has_domains=bool(own_domains),
            domain_labels=domain_labels,
            province_labels=province_labels,
        )
        if peer.score > 0:
            ranked.append(peer)
    ranked.sort(
        key=lambda peer: (
            -peer.score,
            size_distance(subject.inhabitants, peer.candidate.inhabitants),
            peer.candidate.name.casefold(),
            peer.candidate.code,
            peer.candidate.id,
        )
    )
    return ranked[:limit] if limit else ranked
