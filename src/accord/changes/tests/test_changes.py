import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from accord.agreements.models import Agreement, Commitment
from accord.agreements.tests.factories import AgreementFactory, CommitmentFactory
from accord.changes import services
from accord.changes.forecasts import delay_options, milestone_forecast
from accord.changes.models import ChangeRequest, DecisionLink, PlanVersion
from accord.changes.reversal import AgreementText, reversal_candidates
from accord.changes.scope import ScopeItemText, scope_check
from accord.clients.tests.factories import ClientFactory, ContactFactory
from accord.projects.tests.factories import (
    ContractFactory,
    MilestoneFactory,
    ProjectFactory,
    ScopeItemFactory,
)
from accord.workspaces.calendar import WorkCalendar
from accord.workspaces.tests.factories import MemberFactory

FIXTURES = Path(__file__).parent / "fixtures"


def test_scope_verdicts_on_labelled_requests(capsys):
    data = json.loads((FIXTURES / "scope_requests.json").read_text())
    items = {
        lang: [
            ScopeItemText(i, item["title"], "", item["excluded"]) for i, item in enumerate(values)
        ]
        for lang, values in data["contracts"].items()
    }
    correct = sum(
        scope_check(r["text"], items[r["lang"]]).verdict == r["verdict"] for r in data["requests"]
    )
    accuracy = correct / len(data["requests"])

    with capsys.disabled():
        print(f"\nscope check: {correct}/{len(data['requests'])} correct, accuracy={accuracy:.3f}")
    assert len(data["requests"]) >= 60 and {r["lang"] for r in data["requests"]} == {
        "ru",
        "pl",
        "en",
    }
    assert accuracy >= 0.85


def test_reversal_matcher_on_labelled_pairs(capsys):
    data = json.loads((FIXTURES / "reversal_pairs.json").read_text())
    found = [
        bool(
            reversal_candidates(
                p["message"], [AgreementText(1, data["agreements"][p["agreement"]])]
            )
        )
        for p in data["pairs"]
    ]
    truth = [p["contradicts"] for p in data["pairs"]]
    tp = sum(f and t for f, t in zip(found, truth, strict=True))
    precision = tp / sum(found)
    recall = tp / sum(truth)

    with capsys.disabled():
        print(
            f"\nreversal matcher: {len(truth)} pairs, precision={precision:.3f}, recall={recall:.3f}"
        )
    assert len(truth) >= 60 and precision >= 0.85 and recall >= 0.8


@pytest.fixture
def project(member):
    client = ClientFactory(workspace=member.workspace, language="pl")
    project = ProjectFactory(
        client=client, budget=Decimal("10000.00"), start_date=datetime.date(2026, 1, 5)
    )
    ContractFactory(project=project, hourly_rate=Decimal("100.00"))
    ScopeItemFactory(contract=project.contract, title="Katalog produktów z wariantami")
    ScopeItemFactory(contract=project.contract, title="Aplikacja mobilna", kind="excluded")
    return project


@pytest.fixture
def contact(project):
    return ContactFactory(client=project.client, name="Ewa Nowak", language="pl")


def _sent_change(project, contact, member, captured):
    change = services.change_request_create(
        project=project,
        actor=member.user,
        title="Aplikacja mobilna",
        description="Chcemy aplikację mobilną sklepu",
        requested_by=contact,
    )
    milestone = MilestoneFactory(
        project=project, planned_date=datetime.date(2026, 12, 1), name="Start"
    )
    services.change_request_assess(
        change=change,
        actor=member.user,
        effort_hours=Decimal("40"),
        risks="App stores",
        shifts={milestone.pk: 14},
    )
    with captured(execute=True):
        services.change_request_send(change=change, actor=member.user)
    token = mail.outbox[-1].body.split("/changes/decide/")[1].split("/")[0]
    return change, milestone, token


@pytest.mark.django_db
def test_create_checks_scope_and_assess_prices_from_contract_rate(project, contact, member):
    change = services.change_request_create(
        project=project,
        actor=member.user,
        title="Aplikacja mobilna",
        description="Chcemy aplikację mobilną na Androida",
        requested_by=contact,
    )
    assessed = services.change_request_assess(
        change=change, actor=member.user, effort_hours=Decimal("12.5")
    )

    assert change.scope_verdict == "not_covered" and change.scope_matches[0]["excluded"]
    assert (assessed.cost, assessed.status, assessed.number) == (Decimal("1250.00"), "assessed", 1)


@pytest.mark.django_db
def test_decision_link_works_once(
    client, project, contact, member, django_capture_on_commit_callbacks
):
    change, milestone, token = _sent_change(
        project, contact, member, django_capture_on_commit_callbacks
    )

    page = client.get(f"/changes/decide/{token}/")
    first = client.post(f"/changes/decide/{token}/", {"decision": "approve", "comment": "OK"})
    again = client.post(f"/changes/decide/{token}/", {"decision": "reject"})

    change.refresh_from_db()
    assert page.status_code == 200 and "Aplikacja mobilna" in page.content.decode()
    assert first.status_code == 200 and again.status_code == 410
    assert (change.status, change.decision_comment, change.decided_by_contact) == (
        "approved",
        "OK",
        contact,
    )
    assert len(mail.outbox) == 1 and token not in DecisionLink.objects.get().token_hash


@pytest.mark.django_db
def test_decision_link_expires(
    client, project, contact, member, django_capture_on_commit_callbacks
):
    change, _milestone, token = _sent_change(
        project, contact, member, django_capture_on_commit_callbacks
    )
    DecisionLink.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    response = client.post(f"/changes/decide/{token}/", {"decision": "approve"})

    change.refresh_from_db()
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert change.status == "sent"


@pytest.mark.django_db
def test_guessed_or_foreign_tokens_are_refused(
    client, project, contact, member, django_capture_on_commit_callbacks
):
    first, _m, first_token = _sent_change(
        project, contact, member, django_capture_on_commit_callbacks
    )
    services.change_request_decide_by_link(token=first_token, approve=False)
    second = services.change_request_create(
        project=project,
        actor=member.user,
        title="Blog",
        description="Blog firmowy",
        requested_by=contact,
    )
    services.change_request_assess(change=second, actor=member.user, effort_hours=Decimal("8"))

    guessed = client.get("/changes/decide/not-a-real-token-123/")
    reused = client.post(f"/changes/decide/{first_token}/", {"decision": "approve"})

    second.refresh_from_db()
    assert guessed.status_code == 404 and reused.status_code == 410
    assert second.status == "assessed" and len(first_token) >= 40


@pytest.mark.django_db
def test_approval_moves_dates_and_budget_with_history(
    project, contact, member, member_client, django_capture_on_commit_callbacks, project_page
):
    change, milestone, token = _sent_change(
        project, contact, member, django_capture_on_commit_callbacks
    )

    services.change_request_decide_by_link(token=token, approve=True)

    project.refresh_from_db()
    milestone.refresh_from_db()
    version = PlanVersion.objects.get()
    assert project.budget == Decimal("14000.00")
    assert milestone.planned_date == datetime.date(2026, 12, 15)
    assert (version.budget_before, version.budget_after) == (
        Decimal("10000.00"),
        Decimal("14000.00"),
    )
    assert version.dates == [
        {"milestone": milestone.pk, "name": "Start", "before": "2026-12-01", "after": "2026-12-15"}
    ]
    agreement = Agreement.objects.get(source="change_request")
    assert agreement.source_record == change and agreement.accepted_by == contact
    page = project_page(member_client, project)
    assert "€10,000.00 → €14,000.00" in page and "2026-12-01 → 2026-12-15" in page


@pytest.mark.django_db
def test_rejection_and_hand_decision_need_evidence(project, contact, member):
    change = services.change_request_create(
        project=project, actor=member.user, title="Blog", description="Blog"
    )
    services.change_request_assess(change=change, actor=member.user, effort_hours=Decimal("8"))

    with pytest.raises(services.DomainError):
        services.change_request_decide_by_hand(
            change=change, actor=member.user, approve=True, evidence=" "
        )
    services.change_request_decide_by_hand(
        change=change, actor=member.user, approve=False, evidence="Call 12.03"
    )

    change.refresh_from_db()
    project.refresh_from_db()
    assert change.status == "rejected" and project.budget == Decimal("10000.00")
    assert not PlanVersion.objects.exists()


@pytest.mark.django_db
def test_forecast_matches_hand_computed_values(project, member, contact):
    # Working days Mon-Fri 9-18, no holidays. Today: Monday 2 March 2026.
    today = datetime.date(2026, 3, 2)
    milestone = MilestoneFactory(project=project, planned_date=datetime.date(2026, 3, 6))
    CommitmentFactory(
        project=project,
        milestone=milestone,
        side="ours",
        estimate_hours=Decimal("16"),
        due_date=datetime.date(2026, 3, 5),
    )
    CommitmentFactory(
        project=project,
        milestone=milestone,
        side="ours",
        estimate_hours=Decimal("8"),
        due_date=datetime.date(2026, 3, 5),
    )
    calendar = WorkCalendar.for_workspace(project.workspace)

    # 24 h at 6 h/day = 4 working days from Monday: Friday 6 March.
    on_time = milestone_forecast(milestone=milestone, today=today, pace=6, calendar=calendar)
    # The client owes data until Wednesday 4 March: work starts then, 4 days -> Tuesday 10 March.
    CommitmentFactory(
        project=project,
        milestone=milestone,
        side="client",
        owner_contact=contact,
        due_date=datetime.date(2026, 3, 4),
    )
    waiting = milestone_forecast(milestone=milestone, today=today, pace=6, calendar=calendar)
    options = delay_options(waiting, today=today, calendar=calendar)

    assert (on_time.forecast, on_time.at_risk) == (datetime.date(2026, 3, 6), False)
    assert (waiting.forecast, waiting.at_risk, waiting.slip_days) == (
        datetime.date(2026, 3, 10),
        True,
        4,
    )
    # Two working days between Wednesday and Friday give 12 h of 24: cut the 16 h item, or add 6 h/day.
    assert [item.estimate_hours for item in options.cut_items] == [Decimal("16.00")]
    assert options.extra_hours_per_day == 6.0 and options.move_to == datetime.date(2026, 3, 10)


@pytest.mark.django_db
def test_team_pace_comes_from_recent_done_work(project, member):
    from accord.changes.forecasts import team_pace

    today = timezone.localdate()
    for hours in (30, 26):
        item = CommitmentFactory(
            project=project,
            side="ours",
            estimate_hours=Decimal(hours),
            status="done",
            due_date=today,
        )
        Commitment.objects.filter(pk=item.pk).update(
            done_at=timezone.now() - datetime.timedelta(days=3)
        )
    calendar = WorkCalendar.for_workspace(project.workspace)
    days = calendar.working_days_between(today - datetime.timedelta(days=28), today)

    assert team_pace(project=project, today=today, calendar=calendar) == round(56 / days, 2)


@pytest.mark.django_db
def test_delay_notice_has_three_parts_and_real_dates(project, member, contact):
    today = datetime.date(2026, 3, 2)
    milestone = MilestoneFactory(
        project=project, planned_date=datetime.date(2026, 3, 6), name="Katalog"
    )
    CommitmentFactory(
        project=project,
        milestone=milestone,
        side="ours",
        estimate_hours=Decimal("24"),
        due_date=datetime.date(2026, 3, 5),
    )
    CommitmentFactory(
        project=project,
        milestone=milestone,
        side="client",
        owner_contact=contact,
        title="Zdjęcia produktów",
        due_date=datetime.date(2026, 3, 4),
    )
    forecast = milestone_forecast(milestone=milestone, today=today, pace=6)
    # The computed forecast proposes the new date; a person accepts it before it is promised.
    assert forecast.forecast == datetime.date(2026, 3, 10)
    milestone.forecast_date = forecast.forecast
    milestone.save()

    subject, body = services.delay_notice(
        forecast=forecast, contact=contact, sender="Piotr", today=today
    )

    assert "Katalog" in subject
    assert body.index("Kontekst:") < body.index("Problem, otwarcie:") < body.index("Prośba:")
    assert "6 marca 2026" in body and "10 marca 2026" in body and "Zdjęcia produktów" in body
    assert "Ewa Nowak" in body


@pytest.mark.django_db
def test_message_contradicting_agreement_offers_reply_and_marks_reversal(
    member_client, project, contact, member
):
    from accord.communications.models import Interaction

    agreement = AgreementFactory(
        project=project,
        title="Płatności tylko przez Przelewy24 na start",
        decided_on=datetime.date(2026, 2, 10),
        source="email",
        accepted_by=contact,
    )
    message = Interaction.objects.create(
        workspace=project.workspace,
        project=project,
        client=project.client,
        channel="email",
        direction="in",
        occurred_at=timezone.now(),
        subject="Płatności",
        sender_contact=contact,
        body_text="Jednak chcemy płatności BLIK zamiast Przelewy24 od startu.",
    )

    page = member_client.get(f"/changes/message/{message.pk}/").content.decode()
    member_client.post(f"/changes/message/{message.pk}/reversed/{agreement.pk}/")

    agreement.refresh_from_db()
    assert "zgodnie z ustaleniem z 10 lutego 2026" in page
    assert (agreement.status, agreement.reversed_by_contact) == ("reversed", contact)


@pytest.mark.django_db
def test_demo_records_result_and_starts_client_clock(project, member, contact):
    from accord.communications.selectors import client_silence

    milestone = MilestoneFactory(
        project=project, planned_date=timezone.localdate() + datetime.timedelta(days=20)
    )
    result = services.intermediate_result_record(
        milestone=milestone,
        actor=member.user,
        description="Katalog na serwerze testowym",
        shown_at=timezone.now() - datetime.timedelta(days=10),
    )
    subject, body = services.feedback_request_draft(result=result, contact=contact, sender="Piotr")

    milestone.refresh_from_db()
    assert milestone.demoed_at == result.shown_at
    assert client_silence(project=project) is not None
    assert "Prośba" in body and "Kontekst" in body and milestone.name in subject


@pytest.mark.django_db
def test_other_workspace_change_requests_are_404(member_client):
    other = MemberFactory()
    project = ProjectFactory(client__workspace=other.workspace)
    change = ChangeRequest.objects.create(
        workspace=other.workspace,
        project=project,
        number=1,
        workspace_number=1,
        title="Secret",
        description="x",
    )
    milestone = MilestoneFactory(project=project)

    assert member_client.get(f"/changes/{change.pk}/").status_code == 404
    assert member_client.post(f"/changes/{change.pk}/withdraw/").status_code == 404
    assert member_client.get(f"/changes/milestone/{milestone.pk}/").status_code == 404
    assert member_client.get(f"/changes/project/{project.pk}/new/").status_code == 404
    change.refresh_from_db()
    assert change.status == "draft"


@pytest.mark.django_db
def test_batched_pace_matches_single_project_pace(project, member):
    from accord.changes.forecasts import team_pace, team_paces

    today = timezone.localdate()
    item = CommitmentFactory(
        project=project, side="ours", estimate_hours=Decimal("12"), status="done", due_date=today
    )
    Commitment.objects.filter(pk=item.pk).update(
        done_at=timezone.now() - datetime.timedelta(days=2)
    )
    idle = ProjectFactory(client=project.client)
    calendar = WorkCalendar.for_workspace(project.workspace)

    paces = team_paces(projects=[project, idle], today=today, calendar=calendar)

    assert (
        paces[project.pk]
        == team_pace(project=project, today=today, calendar=calendar)
        != paces[idle.pk]
    )
