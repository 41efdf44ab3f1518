"""The matching ranking on a small constructed set: shared life domains first, then size, then province;
ties broken by closeness in size and then by name; municipalities without an agenda handled."""

import pytest
from django.utils import translation

from networks.matching import Candidate, join_words, rank_peers

DOMAINS = ("work", "education", "housing", "mobility", "leisure")
LABELS = {"work": "Werk en inkomen", "education": "Onderwijs", "housing": "Wonen", "mobility": "Vervoer"}
PROVINCES = {"overijssel": "Overijssel", "gelderland": "Gelderland", "utrecht": "Utrecht"}


def municipality(pk, name, province, inhabitants, domains=None):
    return Candidate(
        id=pk,
        name=name,
        province=province,
        inhabitants=inhabitants,
        life_domains=None if domains is None else frozenset(domains),
        code=f"GM{pk:04d}",
    )


ZWOLLE = municipality(1, "Zwolle", "overijssel", 130_000, {"housing", "mobility", "work"})
DEVENTER = municipality(2, "Deventer", "overijssel", 101_000, {"housing", "mobility"})  # 2 shared, size, province
ARNHEM = municipality(3, "Arnhem", "gelderland", 165_000, {"housing", "mobility", "leisure"})  # 2 shared, size
AMERSFOORT = municipality(4, "Amersfoort", "utrecht", 160_000, {"housing", "education"})  # 1 shared, size
HARDENBERG = municipality(5, "Hardenberg", "overijssel", 61_000, {"leisure"})  # province only
KAMPEN = municipality(6, "Kampen", "overijssel", 55_000)  # no agenda: never a peer
ENSCHEDE = municipality(7, "Enschede", "overijssel", 160_000, {"education"})  # size + province
UTRECHT = municipality(8, "Utrecht", "utrecht", 360_000, {"leisure"})  # nothing in common
ALL = [ZWOLLE, DEVENTER, ARNHEM, AMERSFOORT, HARDENBERG, KAMPEN, ENSCHEDE, UTRECHT]


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def rank(subject, candidates=ALL, **kwargs):
    return rank_peers(
        subject, candidates, domain_order=DOMAINS, domain_labels=LABELS, province_labels=PROVINCES, **kwargs
    )


def names(peers):
    return [peer.candidate.name for peer in peers]


def test_shared_life_domains_weigh_most_then_size_then_province():
    peers = rank(ZWOLLE, limit=None)
    assert names(peers) == ["Deventer", "Arnhem", "Amersfoort", "Enschede", "Hardenberg"]
    assert [peer.score for peer in peers] == [25, 23, 13, 5, 2]


def test_the_reason_says_in_dutch_what_they_share():
    deventer, arnhem, amersfoort, enschede, hardenberg = rank(ZWOLLE, limit=None)
    assert deventer.reason == "werkt ook aan wonen en vervoer; vergelijkbare grootte; ook in Overijssel"
    assert arnhem.reason == "werkt ook aan wonen en vervoer; vergelijkbare grootte"
    assert amersfoort.reason == "werkt ook aan wonen; vergelijkbare grootte"
    assert enschede.reason == "vergelijkbare grootte; ook in Overijssel"
    assert hardenberg.reason == "ook in Overijssel"


def test_three_shared_domains_are_listed_in_the_order_of_the_life_domains():
    subject = municipality(20, "Ede", "gelderland", 120_000, {"mobility", "work", "housing"})
    (peer,) = rank(subject, [ZWOLLE])
    assert peer.reason == "werkt ook aan werk en inkomen, wonen en vervoer; vergelijkbare grootte"


def test_a_municipality_without_an_agenda_is_never_a_peer_and_nothing_in_common_is_no_match():
    peers = rank(ZWOLLE, limit=None)
    assert "Kampen" not in names(peers)
    assert "Utrecht" not in names(peers)  # other province, other size, no shared domain
    assert "Zwolle" not in names(peers)  # never its own peer


def test_a_municipality_without_an_agenda_gets_peers_with_an_agenda_by_size_and_province():
    peers = rank(KAMPEN, limit=None)
    # Hardenberg (61,000) is similar in size and in Overijssel; the other Overijssel agendas only share the
    # province, the closest in size first: Deventer (101,000), Zwolle (130,000), Enschede (160,000).
    assert names(peers) == ["Hardenberg", "Deventer", "Zwolle", "Enschede"]
    assert peers[0].reason == "heeft al een Lokale Inclusie Agenda; vergelijkbare grootte; ook in Overijssel"
    assert peers[1].reason == "heeft al een Lokale Inclusie Agenda; ook in Overijssel"


def test_ties_go_to_the_closest_size_then_to_the_name():
    subject = municipality(30, "Staphorst", "overijssel", 17_000, {"work"})
    twins = [
        municipality(31, "Zeewolde", "utrecht", 23_000, {"work"}),
        municipality(32, "Baarn", "utrecht", 25_000, {"work"}),
        municipality(33, "Aalten", "utrecht", 25_000, {"work"}),
        municipality(34, "Bunnik", "utrecht", 15_000, {"work"}),
    ]
    peers = rank(subject, twins)
    assert len({peer.score for peer in peers}) == 1  # a four-way tie on the score
    # Bunnik is closest in size (15,000 vs 17,000); Aalten and Baarn are equally far: alphabetical.
    assert names(peers) == ["Bunnik", "Zeewolde", "Aalten", "Baarn"]
    assert names(rank(subject, list(reversed(twins)))) == names(peers)  # not the input order


def test_unknown_inhabitants_count_as_not_similar_and_sort_after_known_sizes():
    subject = municipality(40, "Oldenzaal", "overijssel", None, {"work"})
    peers = rank(subject, [ZWOLLE, municipality(41, "Almelo", "overijssel", 73_000, {"work"})])
    assert [peer.similar_size for peer in peers] == [False, False]
    assert names(peers) == ["Almelo", "Zwolle"]


def test_the_limit_keeps_the_best():
    assert names(rank(ZWOLLE, limit=2)) == ["Deventer", "Arnhem"]


def test_an_agenda_without_life_domains_is_treated_like_no_agenda_for_the_reason():
    subject = municipality(50, "Ommen", "overijssel", 18_000, set())
    peers = rank(subject, limit=None)
    assert all(peer.reason.startswith("heeft al een Lokale Inclusie Agenda") for peer in peers)
    assert not any(peer.shared_domains for peer in peers)


def test_join_words():
    with translation.override("nl"):
        assert join_words([]) == ""
        assert join_words(["wonen"]) == "wonen"
        assert join_words(["wonen", "vervoer", "sport"]) == "wonen, vervoer en sport"
