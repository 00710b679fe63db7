"""Who may see and change whom: one table of role × object, checked through the access helpers and through the API.

The organisation (tests/conftest.py, plus a colleague)::

    pemprov ─ dinas ─ bidang          atasan (kepala dinas) ─ penilai (kepala bidang) ─ pegawai
            └ dinas_lain              rekan: in dinas, outside that chain; outsider: in dinas_lain

Each test runs one viewer against every object and compares the whole row with the table, so a failure shows
every wrong cell at once.
"""

import pytest
from django.http import Http404

from kepegawaian import access
from kepegawaian.models import UnitKerja
from tests.kepegawaian.factories import PegawaiFactory, UserFactory

VIEWERS = ["pegawai", "penilai", "atasan", "admin_unit", "admin_bkd", "outsider", "anonymous"]
TARGETS = ["pegawai", "penilai", "atasan", "rekan", "outsider"]
UNITS = ["pemprov", "dinas", "bidang", "dinas_lain"]

# viewer -> the people he may see; everyone else is a 404.
SEES = {
    "pegawai": {"pegawai"},  # own profile only
    "penilai": {"penilai", "pegawai"},  # own + direct subordinate
    "atasan": {"atasan", "penilai", "pegawai"},  # own + subordinate + subordinate's subordinate
    "admin_unit": {"atasan", "penilai", "pegawai", "rekan"},  # the whole dinas subtree, not the other dinas
    "admin_bkd": set(TARGETS),  # everyone
    "outsider": {"outsider"},  # own profile only
    "anonymous": set(),
}
# viewer -> the people whose data he may change: admins in scope only; nobody changes his own master data.
MANAGES = {"admin_unit": {"atasan", "penilai", "pegawai", "rekan"}, "admin_bkd": set(TARGETS)}
# viewer -> the units he may see (the units of the people he sees; an admin's subtrees).
SEES_UNITS = {
    "pegawai": {"bidang"},
    "penilai": {"bidang"},
    "atasan": {"dinas", "bidang"},
    "admin_unit": {"dinas", "bidang"},
    "admin_bkd": set(UNITS),
    "outsider": {"dinas_lain"},
    "anonymous": set(),
}
MANAGES_UNITS = {"admin_unit": {"dinas", "bidang"}, "admin_bkd": set(UNITS)}


@pytest.fixture
def rekan(dinas):
    """Someone in the same dinas who is neither superior nor subordinate in the chain."""
    return PegawaiFactory(user=UserFactory(username="rekan"), nama="Rina Rekan", unit=dinas)


@pytest.fixture
def org(
    pegawai, penilai, atasan, rekan, outsider, admin_unit, admin_bkd, anonymous, pemprov, dinas, bidang, dinas_lain
):
    people = {"pegawai": pegawai, "penilai": penilai, "atasan": atasan, "rekan": rekan, "outsider": outsider}
    users = {name: people[name].user for name in ("pegawai", "penilai", "atasan", "outsider")}
    users.update(admin_unit=admin_unit, admin_bkd=admin_bkd, anonymous=anonymous)
    # Fresh from the database: adding a sorted sibling (dinas_lain) renumbers the paths of the fixtures' objects.
    units = {
        name: UnitKerja.objects.get(pk=unit.pk)
        for name, unit in zip(UNITS, [pemprov, dinas, bidang, dinas_lain], strict=True)
    }
    return {"people": people, "users": users, "units": units}


def _row(names, allowed: set, yes="lihat", no="404") -> dict:
    return {name: yes if name in allowed else no for name in names}


# --- Through the access helpers ---------------------------------------------------------------------------------


def _helper_outcome(getter, user, obj) -> str:
    try:
        found = getter(user, obj.pk)
    except Http404:
        return "404"
    assert found == obj
    return "lihat"


@pytest.mark.parametrize("viewer", VIEWERS)
def test_access_helpers_show_each_person_only_to_the_roles_in_the_table(org, viewer):
    user, people = org["users"][viewer], org["people"]
    outcome = {name: _helper_outcome(access.pegawai_get_for_user, user, person) for name, person in people.items()}
    assert outcome == _row(TARGETS, SEES[viewer])
    visible = set(access.pegawai_visible(user).values_list("pk", flat=True))
    assert visible == {people[name].pk for name in SEES[viewer]}


@pytest.mark.parametrize("viewer", VIEWERS)
def test_access_helpers_let_only_admins_in_scope_change_a_person(org, viewer):
    user = org["users"][viewer]
    outcome = {name: access.pegawai_can_manage(user, person) for name, person in org["people"].items()}
    assert outcome == {name: name in MANAGES.get(viewer, set()) for name in TARGETS}


@pytest.mark.parametrize("viewer", VIEWERS)
def test_access_helpers_show_and_manage_units_per_the_table(org, viewer):
    user, units = org["users"][viewer], org["units"]
    outcome = {name: _helper_outcome(access.unit_get_for_user, user, unit) for name, unit in units.items()}
    assert outcome == _row(UNITS, SEES_UNITS[viewer])
    managed = {name for name, unit in units.items() if access.unit_can_manage(user, unit)}
    assert managed == MANAGES_UNITS.get(viewer, set())
    assert set(access.unit_manageable(user)) == {units[name] for name in MANAGES_UNITS.get(viewer, set())}


@pytest.mark.parametrize(
    ("viewer", "codes"),
    [
        ("pegawai", ["pegawai"]),
        ("penilai", ["pegawai", "pejabat_penilai"]),
        ("atasan", ["pegawai", "pejabat_penilai", "atasan_penilai"]),
        ("admin_unit", ["admin_unit"]),
        ("admin_bkd", ["admin_bkd"]),
        ("outsider", ["pegawai"]),
        ("anonymous", []),
    ],
)
def test_roles_follow_from_the_hierarchy_and_the_grants(org, viewer, codes):
    assert access.peran_kode(org["users"][viewer]) == codes


def test_inactive_pegawai_no_longer_sees_his_own_profile(org):
    pegawai, user = org["people"]["pegawai"], org["users"]["pegawai"]
    pegawai.aktif = False
    pegawai.save()
    access.forget_akses(user)
    with pytest.raises(Http404):
        access.pegawai_get_for_user(user, pegawai.pk)


# --- Through the API --------------------------------------------------------------------------------------------


def _api_client(client, user):
    if user.is_authenticated:
        client.force_login(user)
    return client


@pytest.mark.parametrize("viewer", [v for v in VIEWERS if v != "anonymous"])
def test_api_shows_each_person_only_to_the_roles_in_the_table(client, org, viewer):
    api, people = _api_client(client, org["users"][viewer]), org["people"]
    outcome = {}
    for name, person in people.items():
        response = api.get(f"/api/v1/pegawai/{person.pk}/")
        outcome[name] = {200: "lihat", 404: "404"}.get(response.status_code, response.status_code)
        if response.status_code == 404:
            assert response.json()["error"]["code"] == "not_found"
            assert person.nip not in response.content.decode()
    assert outcome == _row(TARGETS, SEES[viewer])
    listed = {row["nip"] for row in api.get("/api/v1/pegawai/").json()["results"]}
    assert listed == {people[name].nip for name in SEES[viewer]}


@pytest.mark.parametrize("viewer", [v for v in VIEWERS if v != "anonymous"])
def test_api_change_of_a_person_is_200_for_admins_403_for_other_viewers_404_otherwise(client, org, viewer):
    api = _api_client(client, org["users"][viewer])
    outcome, expected = {}, {}
    for name, person in org["people"].items():
        response = api.patch(f"/api/v1/pegawai/{person.pk}/", {"nama": "Nama Baru"}, content_type="application/json")
        outcome[name] = response.status_code
        if name in MANAGES.get(viewer, set()):
            expected[name] = 200
        elif name in SEES[viewer]:
            expected[name] = 403  # he sees it (himself, a subordinate) but may not change it
        else:
            expected[name] = 404
        person.refresh_from_db()
        assert (person.nama == "Nama Baru") is (outcome[name] == 200)
    assert outcome == expected


@pytest.mark.parametrize("viewer", [v for v in VIEWERS if v != "anonymous"])
def test_api_shows_each_unit_only_to_the_roles_in_the_table(client, org, viewer):
    api, units = _api_client(client, org["users"][viewer]), org["units"]
    outcome = {}
    for name, unit in units.items():
        status = api.get(f"/api/v1/unit-kerja/{unit.pk}/").status_code
        outcome[name] = {200: "lihat", 404: "404"}.get(status, status)
    assert outcome == _row(UNITS, SEES_UNITS[viewer])
    listed = {row["kode"] for row in api.get("/api/v1/unit-kerja/").json()["results"]}
    assert listed == {units[name].kode for name in SEES_UNITS[viewer]}


def test_api_asks_anonymous_visitors_to_log_in_for_every_person_and_unit(client, org):
    urls = [f"/api/v1/pegawai/{p.pk}/" for p in org["people"].values()]
    urls += [f"/api/v1/unit-kerja/{u.pk}/" for u in org["units"].values()]
    urls += ["/api/v1/pegawai/", "/api/v1/unit-kerja/", "/api/v1/jabatan/", "/api/v1/saya/"]
    statuses = {url: client.get(url).status_code for url in urls}
    assert statuses == dict.fromkeys(urls, 401)
    response = client.patch(urls[0], {"nama": "X"}, content_type="application/json")
    assert response.status_code == 401
    org["people"]["pegawai"].refresh_from_db()
    assert org["people"]["pegawai"].nama == "Budi Pegawai"


def test_atasan_penilai_sees_the_whole_supervision_subtree_at_any_depth(pegawai, penilai, atasan, outsider):
    from kepegawaian.access import pegawai_get_for_user, pegawai_visible
    from tests.kepegawaian.factories import PegawaiFactory

    staf = PegawaiFactory(unit=pegawai.unit, atasan=pegawai)  # three levels below the atasan
    magang = PegawaiFactory(unit=pegawai.unit, atasan=staf)  # four levels below

    assert set(pegawai_visible(atasan.user)) == {atasan, penilai, pegawai, staf, magang}
    assert pegawai_get_for_user(atasan.user, magang.pk) == magang
    # ... but a penilai sees only his own subtree, not his atasan's or a colleague's people.
    assert set(pegawai_visible(penilai.user)) == {penilai, pegawai, staf, magang}
    with pytest.raises(Http404):
        pegawai_get_for_user(penilai.user, outsider.pk)
