"""The playbook form: every schema field per language, saved as the same YAML as the files."""

import re

import pytest
from django.http import QueryDict

from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.core.models import Event
from accord.projects.tests.factories import ProjectFactory
from accord.situations import services
from accord.situations.catalogue import SITUATION_IDS
from accord.situations.forms import LISTS, PlaybookForm
from accord.situations.models import PlaybookOverride
from accord.situations.playbooks import (
    LANGUAGES,
    ROOT_CAUSES,
    builtin_playbook_source,
    builtin_playbooks,
    parse_playbook,
    playbook_for,
    playbook_yaml,
)
from accord.workspaces.models import Member
from accord.workspaces.tests.factories import MemberFactory


def form_data(playbook) -> dict[str, list[str]]:
    """What a browser sends for the playbook when nobody changed anything."""
    data: dict[str, list[str]] = {"kind": [playbook.kind], "handover": [playbook.handover or ""]}
    for code in LANGUAGES:
        text = playbook.languages[code]
        data[f"{code}-title"] = [text.title]
        for key, *_rest in LISTS:
            data[f"{code}-{key}"] = list(getattr(text, key))
        for cause in ROOT_CAUSES:
            data[f"{code}-cause-{cause}"] = list((text.root_causes or {}).get(cause, []))
        # Browsers send a textarea's line breaks as CRLF.
        data[f"{code}-reply_subject"] = [text.reply.subject]
        data[f"{code}-reply_body"] = [text.reply.body.replace("\n", "\r\n")]
    return data


def as_query(data: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, values)
    return query


def field_block(page: str, field_id: str) -> str:
    """The HTML of one field's block (its fieldset or label), where its errors are shown."""
    match = re.search(
        rf'<fieldset class="rows-field[^"]*" id="{field_id}">.*?</fieldset>', page, re.S
    )
    if match:
        return match.group(0)
    match = re.search(rf'<label for="{field_id}">.*?</label>', page, re.S)
    assert match, field_id
    return match.group(0)


@pytest.fixture
def english_project(member):
    client = ClientFactory(workspace=member.workspace, language="en")
    ContactFactory(client=client, name="Rachel Adams", language="en")
    return ProjectFactory(client=client)


@pytest.mark.parametrize("situation", SITUATION_IDS)
def test_unchanged_form_data_gives_back_the_shipped_yaml_and_playbook(situation):
    shipped = builtin_playbooks()[situation]

    form = PlaybookForm(as_query(form_data(shipped)), situation=situation)

    assert form.is_valid(), form.errors
    source = playbook_yaml(form.playbook)
    assert parse_playbook(source, name="form") == shipped
    assert source == builtin_playbook_source(situation)


def test_edited_rows_are_saved_in_their_order_and_empty_rows_dropped():
    shipped = builtin_playbooks()["conflict"]
    data = form_data(shipped)
    first, second, *rest = data["pl-steps"]
    data["pl-steps"] = [second, "  ", "Nowy krok: spisać ustalenia.", first, *rest]
    data["ru-questions"] = [*data["ru-questions"], ""]
    data["en-do"] = [*data["en-do"], "Pasted over\r\ntwo lines "]

    form = PlaybookForm(as_query(data), situation="conflict")

    assert form.is_valid(), form.errors
    saved = parse_playbook(playbook_yaml(form.playbook), name="form")
    assert saved.languages["pl"].steps == [second, "Nowy krok: spisać ustalenia.", first, *rest]
    assert saved.languages["ru"].questions == shipped.languages["ru"].questions
    assert saved.languages["en"].do == [*shipped.languages["en"].do, "Pasted over two lines"]
    assert saved.languages["en"].steps == shipped.languages["en"].steps


@pytest.mark.django_db
def test_saving_the_form_stores_yaml_that_new_cases_and_drafts_follow(
    member_client, member, english_project
):
    data = form_data(builtin_playbooks()["unclear_requirements"])
    data["en-steps"] = ["Read the request twice and list what is unclear.", *data["en-steps"][1:]]
    data["en-steps"].append("Send the written summary to the client.")
    data["en-reply_subject"] = ["Questions about {project}"]
    data["en-reply_body"] = [
        data["en-reply_body"][0] + "\r\nP.S. We keep minutes of every call.\r\n"
    ]

    response = member_client.post("/cases/playbooks/unclear_requirements/", data)
    case, _created = services.case_open(
        project=english_project, situation="unclear_requirements", actor=member.user
    )
    draft = services.case_draft_create(case=case, actor=member.user)
    case_page = member_client.get(f"/cases/{case.pk}/").content.decode()

    assert response.status_code == 302
    override = PlaybookOverride.objects.get(workspace=member.workspace)
    stored = parse_playbook(override.source, name="override")
    assert stored.languages["en"].steps[0] == "Read the request twice and list what is unclear."
    assert stored.languages["en"].steps[-1] == "Send the written summary to the client."
    assert override.source.startswith("situation: unclear_requirements\nkind: clarify\n")
    assert [step.text for step in case.steps.order_by("position")] == stored.languages["en"].steps
    assert "Send the written summary to the client." in case_page
    assert draft.subject.endswith(f"Questions about {english_project.name}")
    assert "P.S. We keep minutes of every call." in draft.body
    assert "\r" not in override.source
    assert Event.objects.filter(workspace=member.workspace, verb="playbook.overridden").count() == 1


@pytest.mark.django_db
def test_invalid_input_is_shown_next_to_its_field_and_nothing_typed_is_lost(member_client, member):
    data = form_data(builtin_playbooks()["conflict"])
    data["pl-steps"] = ["Jedyny krok, który wpisałem"]
    data["ru-reply_body"] = ["Коротко."]
    data["en-title"] = ["My own conflict title"]
    data["en-questions"] = [*data["en-questions"], "A question typed before the error"]

    response = member_client.post("/cases/playbooks/conflict/", data)
    page = response.content.decode()

    assert response.status_code == 400
    assert "Add at least 2 rows." in field_block(page, "id_pl-steps")
    assert "Write at least 20 characters." in field_block(page, "id_ru-reply_body")
    assert "Add at least" not in field_block(page, "id_en-steps")
    assert "2 fields need attention." in page
    assert ">Jedyny krok, który wpisałem</textarea>" in page
    assert 'value="My own conflict title"' in page
    assert ">A question typed before the error</textarea>" in page
    assert ">\nКоротко.</textarea>" in page
    assert not PlaybookOverride.objects.exists()


@pytest.mark.django_db
def test_errors_are_in_the_members_language_with_its_plurals(member_client, member):
    member.language = "ru"
    member.save(update_fields=["language"])
    data = form_data(builtin_playbooks()["conflict"])
    data["en-steps"] = ["Only one"]
    data["pl-reply_body"] = ["Za krótko."]
    data["ru-do"] = []

    page = member_client.post("/cases/playbooks/conflict/", data).content.decode()

    assert "Добавьте хотя бы 2 строки." in field_block(page, "id_en-steps")
    assert "Добавьте хотя бы 1 строку." in field_block(page, "id_ru-do")
    assert "Напишите не меньше 20 символов." in field_block(page, "id_pl-reply_body")
    assert "3 поля требуют внимания." in page


@pytest.mark.django_db
def test_quality_complaint_form_has_the_measures_of_every_root_cause(member_client, member):
    data = form_data(builtin_playbooks()["quality_complaint"])
    data["pl-cause-delay"] = ["Przeanalizować opóźnienie i powiedzieć o nim otwarcie."]

    page = member_client.get("/cases/playbooks/quality_complaint/").content.decode()
    saved = member_client.post("/cases/playbooks/quality_complaint/", data)
    stored = playbook_for(situation="quality_complaint", workspace=member.workspace)

    assert 'id="id_ru-cause-client_misuse"' in page and "Client misuse" in page
    assert saved.status_code == 302
    assert stored.languages["pl"].root_causes["delay"] == [
        "Przeanalizować opóźnienie i powiedzieć o nim otwarcie."
    ]
    assert set(stored.languages["en"].root_causes) == set(ROOT_CAUSES)


@pytest.mark.django_db
def test_reset_returns_to_the_shipped_playbook_and_export_gives_the_yaml(member_client, member):
    data = form_data(builtin_playbooks()["conflict"])
    data["en-title"] = ["Our conflict playbook"]
    member_client.post("/cases/playbooks/conflict/", data)

    exported = member_client.get("/cases/playbooks/conflict/export/")
    form_page = member_client.get("/cases/playbooks/conflict/").content.decode()
    reset = member_client.post("/cases/playbooks/conflict/reset/")
    after_reset = member_client.get("/cases/playbooks/conflict/export/")
    again = member_client.post("/cases/playbooks/conflict/reset/", follow=True)

    assert exported["Content-Disposition"] == 'attachment; filename="conflict.yaml"'
    assert "title: Our conflict playbook" in exported.content.decode()
    assert "Reset to the shipped playbook" in form_page
    assert reset.status_code == 302 and not PlaybookOverride.objects.exists()
    assert after_reset.content.decode() == builtin_playbook_source("conflict")
    assert "already uses the shipped playbook" in again.content.decode()
    assert "Reset to the shipped playbook" not in again.content.decode()
    assert Event.objects.filter(workspace=member.workspace, verb="playbook.reset").count() == 1


@pytest.mark.django_db
def test_the_yaml_editor_stays_available_and_checks_the_same_rules(member_client, member):
    broken = member_client.post(
        "/cases/playbooks/conflict/yaml/", {"source": "situation: conflict\nkind: upset\n"}
    )
    source = builtin_playbook_source("conflict").replace("Conflict, disagreement", "Edited as YAML")
    saved = member_client.post("/cases/playbooks/conflict/yaml/", {"source": source})

    assert broken.status_code == 400
    assert "Field languages: This field is required." in broken.content.decode()
    assert saved.status_code == 302
    assert PlaybookOverride.objects.get(workspace=member.workspace).source == source.strip()
    assert (
        'value="Edited as YAML"' in member_client.get("/cases/playbooks/conflict/").content.decode()
    )


@pytest.mark.django_db
def test_only_owners_and_managers_change_playbooks(client):
    manager = MemberFactory(role=Member.Role.MANAGER)
    PlaybookOverride.objects.create(
        workspace=manager.workspace,
        situation="conflict",
        source=builtin_playbook_source("conflict"),
    )
    member = MemberFactory(workspace=manager.workspace, role=Member.Role.MEMBER)
    client.force_login(member.user)
    data = form_data(builtin_playbooks()["conflict"])
    data["en-title"] = ["Changed by a member"]

    responses = [
        client.get("/cases/playbooks/conflict/"),
        client.post("/cases/playbooks/conflict/", data),
        client.get("/cases/playbooks/conflict/yaml/"),
        client.post("/cases/playbooks/conflict/reset/"),
    ]
    exported = client.get("/cases/playbooks/conflict/export/")
    listing = client.get("/cases/playbooks/").content.decode()

    assert [response.status_code for response in responses] == [403, 403, 403, 403]
    assert PlaybookOverride.objects.get().source == builtin_playbook_source("conflict")
    assert exported.status_code == 200
    assert 'href="/cases/playbooks/conflict/"' not in listing
    assert 'href="/cases/playbooks/conflict/export/"' in listing

    client.force_login(manager.user)
    assert client.post("/cases/playbooks/conflict/", data).status_code == 302


@pytest.mark.django_db
def test_a_workspace_never_sees_or_changes_another_workspaces_playbook(member_client, member):
    other = MemberFactory()
    source = builtin_playbook_source("conflict").replace(
        "Conflict, disagreement", "The other team's playbook"
    )
    services.playbook_override_save(
        workspace=other.workspace, situation="conflict", source=source, actor=other.user
    )

    form_page = member_client.get("/cases/playbooks/conflict/").content.decode()
    exported = member_client.get("/cases/playbooks/conflict/export/").content.decode()
    reset = member_client.post("/cases/playbooks/conflict/reset/")
    member_client.post("/cases/playbooks/conflict/", form_data(builtin_playbooks()["conflict"]))

    assert "The other team's playbook" not in form_page
    assert exported == builtin_playbook_source("conflict")
    assert reset.status_code == 302
    assert PlaybookOverride.objects.get(workspace=other.workspace).source == source
    assert PlaybookOverride.objects.get(workspace=member.workspace).source == (
        builtin_playbook_source("conflict")
    )
    for path in ("", "yaml/", "export/", "reset/"):
        assert member_client.get(f"/cases/playbooks/nonsense/{path}").status_code in (404, 405)
    assert member_client.post("/cases/playbooks/nonsense/reset/").status_code == 404
