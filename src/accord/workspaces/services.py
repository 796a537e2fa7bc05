from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from accord.core.errors import DomainError
from accord.core.events import event_record

from .models import Member, Workspace


@transaction.atomic
def workspace_create(
    *,
    name: str,
    owner_username: str,
    owner_password: str | None = None,
    owner_email: str = "",
    language: str = "en",
    slug: str | None = None,
) -> tuple[Workspace, Member]:
    """Create a workspace and its owner (the user is created when missing)."""
    name = (name or "").strip()
    if not name:
        raise DomainError("A workspace needs a name.", field="name")
    if not owner_username:
        raise DomainError("The owner needs a username.", field="owner_username")
    slug = slug or slugify(name) or "workspace"
    if Workspace.objects.filter(slug=slug).exists():
        raise DomainError(f"A workspace with the slug '{slug}' already exists.", field="slug")
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=owner_username, defaults={"email": owner_email}
    )
    if created or owner_password:
        if owner_password:
            user.set_password(owner_password)
        else:
            user.set_unusable_password()
        user.save()
    workspace = Workspace.objects.create(name=name, slug=slug, default_language=language)
    member = Member.objects.create(
        workspace=workspace, user=user, role=Member.Role.OWNER, language=language
    )
    event_record(workspace=workspace, actor=user, verb="workspace.created", target=workspace)
    return workspace, member


@transaction.atomic
def member_add(
    *,
    workspace: Workspace,
    username: str,
    role: str = Member.Role.MEMBER,
    password: str | None = None,
    language: str = "en",
    actor=None,
) -> Member:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username)
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    member, _ = Member.objects.update_or_create(
        workspace=workspace, user=user, defaults={"role": role, "language": language}
    )
    event_record(workspace=workspace, actor=actor, verb="member.added", target=member)
    return member


def member_set_language(*, member: Member, language: str) -> Member:
    if language not in dict(Member._meta.get_field("language").choices):
        raise DomainError("Unknown language.", field="language")
    member.language = language
    member.save(update_fields=["language"])
    return member


def member_set_time_zone(*, member: Member, time_zone: str) -> Member:
    """Set the zone the member reads times in; "" goes back to the workspace's zone."""
    import zoneinfo

    time_zone = (time_zone or "").strip()
    if time_zone and time_zone not in zoneinfo.available_timezones():
        raise DomainError("Unknown time zone.", field="time_zone")
    member.time_zone = time_zone
    member.save(update_fields=["time_zone"])
    return member


def member_issue_api_token(*, member: Member, name: str = "API") -> str:
    """Create a new API token for ``member``; returns it once, stores only its hash."""
    from accord.api.services import api_token_create

    _record, token = api_token_create(member=member, name=name)
    return token


WORKSPACE_FIELDS = (
    "name",
    "default_language",
    "time_zone",
    "work_day_start",
    "work_day_end",
    "working_weekdays",
)


@transaction.atomic
def workspace_update(*, workspace: Workspace, actor, **changes) -> Workspace:
    from accord.core.updates import locked_with_changes, save_with_event

    current, values = locked_with_changes(
        Workspace, workspace.pk, allowed=WORKSPACE_FIELDS, changes=changes
    )
    if not (values["name"] or "").strip():
        raise DomainError("A workspace needs a name.", field="name")
    days = values["working_weekdays"] or ""
    if not days or any(day not in "1234567" for day in days) or len(set(days)) != len(days):
        raise DomainError(
            "Working weekdays are digits 1 (Monday) to 7 (Sunday), each once.",
            field="working_weekdays",
        )
    if values["work_day_end"] <= values["work_day_start"]:
        raise DomainError("The working day must end after it starts.", field="work_day_end")
    return save_with_event(
        current, values, workspace=current, actor=actor, verb="workspace.updated"
    )


@transaction.atomic
def holiday_add(*, workspace: Workspace, actor, date, name: str = ""):
    from .models import Holiday

    if date is None:
        raise DomainError("Choose a date.", field="date")
    holiday, created = Holiday.objects.get_or_create(
        workspace=workspace, date=date, defaults={"name": name}
    )
    if not created:
        raise DomainError("This day is already a holiday.", field="date")
    event_record(workspace=workspace, actor=actor, verb="holiday.added", target=holiday)
    return holiday


@transaction.atomic
def member_invite(
    *,
    workspace: Workspace,
    actor,
    username: str,
    password: str,
    role: str = Member.Role.MEMBER,
    language: str = "en",
    email: str = "",
) -> Member:
    """Add a person to the workspace with a new account; an existing username is refused.

    Owners and managers invite; only an owner may make someone an owner. The initial password
    goes through the same validators as any password (``AUTH_PASSWORD_VALIDATORS``).
    """
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user_model = get_user_model()
    inviter = Member.objects.filter(workspace=workspace, user=actor).first() if actor else None
    if inviter is None or not inviter.can_manage:
        raise DomainError("Only owners and managers add members.")
    if role not in Member.Role.values:
        raise DomainError("Unknown role.", field="role")
    if role == Member.Role.OWNER and inviter.role != Member.Role.OWNER:
        raise DomainError("Only an owner can add another owner.", field="role")
    if user_model.objects.filter(username=username).exists():
        raise DomainError("This username is taken.", field="username")
    try:
        validate_password(password, user=user_model(username=username, email=email))
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="password") from error
    user = user_model.objects.create_user(username=username, email=email, password=password)
    member = Member.objects.create(workspace=workspace, user=user, role=role, language=language)
    event_record(workspace=workspace, actor=actor, verb="member.added", target=member)
    return member
