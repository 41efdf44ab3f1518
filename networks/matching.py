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

import logging
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.mail_links import absolute_url

SHARED_DOMAIN_WEIGHT = 10
SIMILAR_SIZE_WEIGHT = 3
SAME_PROVINCE_WEIGHT = 2
SIMILAR_SIZE_RATIO = 1.5
DEFAULT_LIMIT = 5

logger = logging.getLogger(__name__)


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


# Loading the candidates: a fixed number of queries, whatever the number of municipalities -------------------


@dataclass(frozen=True)
class PeerLink:
    """A ranked peer as a page shows it: the municipality's name, its page address and the reason."""

    peer: Peer
    url: str

    @property
    def name(self):
        return self.peer.candidate.name

    @property
    def reason(self):
        return self.peer.reason

    @property
    def municipality_id(self):
        return self.peer.candidate.id


def domain_order_and_labels():
    from networks.models import LifeDomainCode

    return tuple(LifeDomainCode.values), dict(LifeDomainCode.choices)


def province_labels():
    from core.models import Province

    return dict(Province.choices)


def load_candidates(network_id=None, request=None):
    """Every municipality with a live public page (in the network ``network_id``, or in any network), with the
    life domains of its live public agenda. Three queries: pages, agendas, the agendas' life domains.

    Returns (candidates by municipality id, page url by municipality id)."""
    from networks.models import InclusionAgendaPage, MunicipalityPage

    pages = MunicipalityPage.objects.live().public().select_related("municipality")
    agendas = InclusionAgendaPage.objects.live().public().filter(municipality__isnull=False)
    if network_id is not None:
        pages = pages.filter(network_id=network_id)
        agendas = agendas.filter(network_id=network_id)
    pages = pages.only(
        "id",
        "url_path",
        "path",
        "depth",
        "municipality__id",
        "municipality__name",
        "municipality__province",
        "municipality__inhabitants",
        "municipality__cbs_code",
    ).order_by("path")
    urls, municipalities = {}, {}
    for page in pages:
        municipality = page.municipality
        if municipality.pk not in municipalities:
            municipalities[municipality.pk] = municipality
            urls[municipality.pk] = page.get_url(request)
    agenda_rows = list(agendas.values_list("pk", "municipality_id"))
    owner = dict(agenda_rows)
    domains = {municipality_id: set() for municipality_id in owner.values()}
    through = InclusionAgendaPage.life_domains.through
    pairs = through.objects.filter(inclusionagendapage_id__in=list(owner)).values_list(
        "inclusionagendapage_id", "lifedomain__code"
    )
    for agenda_id, code in pairs:
        domains[owner[agenda_id]].add(code)
    candidates = {
        pk: Candidate(
            id=pk,
            name=municipality.name,
            province=municipality.province,
            inhabitants=municipality.inhabitants,
            life_domains=frozenset(domains[pk]) if pk in domains else None,
            code=municipality.cbs_code,
        )
        for pk, municipality in municipalities.items()
    }
    return candidates, urls


def subject_candidate(municipality, candidates):
    """The ranking's view of ``municipality`` (also when it has no page of its own in the network)."""
    if municipality.pk in candidates:
        return candidates[municipality.pk]
    return Candidate(
        id=municipality.pk,
        name=municipality.name,
        province=municipality.province,
        inhabitants=municipality.inhabitants,
        code=municipality.cbs_code,
    )


def peer_links(subject, candidates, urls, limit=DEFAULT_LIMIT):
    order, labels = domain_order_and_labels()
    peers = rank_peers(
        subject,
        candidates.values(),
        limit=limit,
        domain_order=order,
        domain_labels=labels,
        province_labels=province_labels(),
    )
    return [PeerLink(peer=peer, url=urls.get(peer.candidate.id, "")) for peer in peers]


def peers_for_page(page, request=None, limit=DEFAULT_LIMIT):
    """The peers of a municipality page's municipality within its network, best first."""
    candidates, urls = load_candidates(page.network_id, request)
    return peer_links(subject_candidate(page.municipality, candidates), candidates, urls, limit)


def peers_for_all(limit=3, request=None):
    """For the admin report: every municipality with a page, with its best peers over all networks."""
    candidates, urls = load_candidates(None, request)
    return [
        {
            "candidate": candidate,
            "url": urls.get(candidate.id, ""),
            "peers": peer_links(candidate, candidates, urls, limit),
        }
        for candidate in sorted(candidates.values(), key=lambda c: (c.name.casefold(), c.code))
    ]


# The match request form on a municipality page ------------------------------------------------------------

REQUEST_SENT_PARAMETER = "koppeling"
REQUEST_SENT_VALUE = "aangevraagd"
# The cached municipality page carries no CSRF token: its button opens the form with ?koppeling=1, which is
# rendered for this visitor only (with a token, never cached; core/caching.py).
OPEN_FORM_VALUE = "1"
FORM_ANCHOR = "koppeling-aanvragen"


def rate_limit():
    """(match requests, window in seconds) allowed per client: NETWORKS_MATCH_RATE_LIMIT (0 switches it off)
    per NETWORKS_MATCH_RATE_LIMIT_WINDOW."""
    return (
        int(getattr(settings, "NETWORKS_MATCH_RATE_LIMIT", 5)),
        int(getattr(settings, "NETWORKS_MATCH_RATE_LIMIT_WINDOW", 600)),
    )


def project_team_address(request=None):
    """Where match requests go: NETWORKS_MATCH_EMAIL, else the contact address in the site settings."""
    address = getattr(settings, "NETWORKS_MATCH_EMAIL", "")
    if address:
        return address
    from wagtail.models import Site

    from core.models import SiteSettings

    if request is not None and Site.find_for_request(request) is not None:
        return SiteSettings.for_request(request).contact_email  # already on the request (core.middleware): no query
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).contact_email if site else ""


def municipality_matches_context(page, request, form=None, refusal=""):
    """Context of the matches block on a municipality page: the ranked peers and the request form."""
    from networks.forms_matching import MatchRequestForm

    parameter = request.GET.get(REQUEST_SENT_PARAMETER) if request is not None else None
    sent = parameter == REQUEST_SENT_VALUE
    return {
        "matches": peers_for_page(page, request),
        "match_request_form": form if form is not None else MatchRequestForm(),
        "match_request_sent": sent and form is None,
        "match_request_open": form is not None or bool(refusal) or parameter == OPEN_FORM_VALUE,
        "match_request_open_url": f"?{REQUEST_SENT_PARAMETER}={OPEN_FORM_VALUE}#{FORM_ANCHOR}",
        "match_request_action": f"?{REQUEST_SENT_PARAMETER}={OPEN_FORM_VALUE}",  # without the anchor: errors take focus
        "match_request_refusal": refusal,
        "match_request_anchor": FORM_ANCHOR,
    }


def sent_url(page, request=None):
    return f"{page.get_url(request)}?{REQUEST_SENT_PARAMETER}={REQUEST_SENT_VALUE}#{FORM_ANCHOR}"


def handle_match_request(page, request):
    """POST to a municipality page: store the request, email the project team, then redirect (PRG).

    Invalid input renders the page again with the errors (400); too many requests from one client in a short
    while get a Dutch refusal (429). A filled-in honeypot looks like success but stores nothing."""
    from django.shortcuts import redirect

    from core import ratelimit
    from networks.forms_matching import MatchRequestForm
    from networks.models import MatchRequest

    form = MatchRequestForm(request.POST)
    limit, window = rate_limit()
    if ratelimit.hit(request, "networks:match_request", limit, window):
        refusal = _("You have sent many requests in a short while. Please wait a few minutes and try again.")
        return render_with_form(page, request, MatchRequestForm(initial=form.data.dict()), refusal, status=429)
    if form.is_spam:
        return redirect(sent_url(page, request))
    if not form.is_valid():
        return render_with_form(page, request, form, status=400)
    with transaction.atomic():
        match_request = MatchRequest.objects.create(municipality=page.municipality, page=page, **form.request_fields())
        send_request_to_project_team(match_request, request)
    return redirect(sent_url(page, request))


def render_with_form(page, request, form, refusal="", status=200):
    """The municipality page again, with the bound form (its errors) or a refusal."""
    from django.template.response import TemplateResponse

    context = page.get_context(request)
    context.update(municipality_matches_context(page, request, form=form, refusal=refusal))
    return TemplateResponse(request, page.get_template(request), context, status=status)


# Emails through the shared outbox ---------------------------------------------------------------------------

KIND_REQUEST = "match_request"
KIND_INTRODUCTION = "match_introduction"


def register_outbox_kinds():
    """Name the matching mails for the outbox admin (idempotent)."""
    from events.outbox import register_kind

    register_kind(KIND_REQUEST, gettext_lazy("Match request"))
    register_kind(KIND_INTRODUCTION, gettext_lazy("Match introduction"))


def queue(kind, to, template, context):
    """Store a Dutch plain-text mail in the outbox, in the caller's transaction; it is sent after the commit.

    The template's first line is the subject, the rest (after a blank line) the body."""
    from events.outbox import queue_email

    register_outbox_kinds()
    with translation.override("nl"):
        text = render_to_string(template, context).strip()
    subject, _blank, body = text.partition("\n\n")
    return queue_email(kind=kind, to=to, subject=subject.strip()[:255], body_text=body.strip() + "\n")


def send_request_to_project_team(match_request, request=None):
    """Tell the project team about a stored request. Without NETWORKS_MATCH_EMAIL or a site contact address no
    mail goes out; the request is in the admin (Koppelingen → Aanvragen) either way."""
    from django.urls import reverse

    address = project_team_address(request)
    if not address:
        logger.warning("Match request %s stored; no address to tell the project team", match_request.pk)
        return None
    context = {
        "match_request": match_request,
        "page_url": absolute_url(match_request.page.get_url(request) if match_request.page else ""),
        "admin_url": absolute_url(reverse("wagtailsnippets_networks_matchrequest:list")),
    }
    return queue(KIND_REQUEST, address, "networks/match_request_email.txt", context)


def member_contact_email(municipality_id):
    """The first contact person with an email address in the municipality's memberships, else the contact of its
    live agenda. Two queries at most."""
    from networks.models import InclusionAgendaPage, NetworkMember

    for member in NetworkMember.objects.filter(municipality_id=municipality_id).order_by("network__path", "pk"):
        for block in member.contact_persons:
            email = (block.value.get("email") or "").strip()
            if email:
                return email
    agenda = InclusionAgendaPage.objects.live().filter(municipality_id=municipality_id).exclude(contact_email="")
    agenda = agenda.first()
    return agenda.contact_email if agenda else ""


def introduction_recipients(match):
    """((municipality A, address), (municipality B, address)): the address on the match, else the member contact."""
    return tuple(
        (municipality, override or member_contact_email(municipality.pk))
        for municipality, override in (
            (match.municipality_a, match.contact_email_a),
            (match.municipality_b, match.contact_email_b),
        )
    )


def introduce(match):
    """Email both contacts an introduction, exactly once per match: the conditional update claims the match, so
    saving again (or two people saving at once) sends nothing more. Returns the queued mails."""
    from networks.models import Match

    with transaction.atomic():
        now = timezone.now()
        claimed = Match.objects.filter(pk=match.pk, introduction_sent_at__isnull=True).update(introduction_sent_at=now)
        if not claimed:
            return []
        match.introduction_sent_at = now
        (municipality_a, address_a), (municipality_b, address_b) = introduction_recipients(match)
        domains = join_words([lowercase_first(str(domain.label)) for domain in match.life_domains.all()])
        emails = []
        for mine, address, other, other_address in (
            (municipality_a, address_a, municipality_b, address_b),
            (municipality_b, address_b, municipality_a, address_a),
        ):
            if address:
                context = {"municipality": mine, "other": other, "other_address": other_address, "domains": domains}
                emails.append(queue(KIND_INTRODUCTION, address, "networks/admin/introduction_email.txt", context))
        return emails
