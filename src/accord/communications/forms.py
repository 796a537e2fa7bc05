from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.forms import DateTimeInput, LimitedForm, LimitedModelForm

from .models import Interaction, Mailbox


class InteractionLogForm(LimitedForm):
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[
            (Interaction.Channel.CALL, Interaction.Channel.CALL.label),
            (Interaction.Channel.MEETING, Interaction.Channel.MEETING.label),
            (Interaction.Channel.CHAT, Interaction.Channel.CHAT.label),
            (Interaction.Channel.NOTE, Interaction.Channel.NOTE.label),
        ],
    )
    direction = forms.ChoiceField(label=_("Who spoke"), choices=Interaction.Direction.choices)
    occurred_at = forms.DateTimeField(label=_("When"), widget=DateTimeInput(), initial=timezone.now)
    contact = forms.ModelChoiceField(label=_("Client person"), queryset=None, required=False)
    subject = forms.CharField(label=_("Topic"), required=False, max_length=500)
    body = forms.CharField(
        label=_("What was said"), widget=forms.Textarea(attrs={"rows": 5, "autofocus": True})
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = project.client.contacts.all()


class ChatPasteForm(LimitedForm):
    text = forms.CharField(label=_("Pasted chat log"), widget=forms.Textarea(attrs={"rows": 12}))
    client_names = forms.CharField(
        label=_("Names the client uses in the chat"),
        required=False,
        help_text=_("Comma-separated; the project's contacts are recognised by name already."),
    )


class ComposeForm(LimitedForm):
    to = forms.ModelMultipleChoiceField(label=_("To"), queryset=None)
    subject = forms.CharField(label=_("Subject"), max_length=500)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 12}))
    draft = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = project.client.contacts.filter(emails__isnull=False).distinct()


class TimelineFilterForm(LimitedForm):
    channel = forms.ChoiceField(
        required=False, choices=[("", _("All channels")), *Interaction.Channel.choices]
    )
    direction = forms.ChoiceField(
        required=False, choices=[("", _("Both directions")), *Interaction.Direction.choices]
    )
    language = forms.ChoiceField(
        required=False, choices=[("", _("All languages")), ("ru", "RU"), ("pl", "PL"), ("en", "EN")]
    )
    q = forms.CharField(required=False, label=_("Search"))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's documented pattern for several files in one field."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class MailUploadForm(LimitedForm):
    """Several .eml, .mbox or .msg files; each within the upload size limit."""

    files = MultipleFileField(
        label=_("Mail files (.eml, .mbox, .msg)"),
        widget=MultipleFileInput(attrs={"accept": ".eml,.mbox,.msg"}),
    )

    def clean_files(self):
        from django.conf import settings
        from django.template.defaultfilters import filesizeformat

        uploaded = self.cleaned_data["files"]
        limit = settings.ACCORD_MAIL_UPLOAD_MAX_BYTES
        too_large = [item.name for item in uploaded if item.size > limit]
        if too_large:
            raise forms.ValidationError(
                _("Too large (the limit is %(limit)s per file): %(names)s")
                % {"limit": filesizeformat(limit), "names": ", ".join(too_large)}
            )
        return uploaded


class MailboxForm(LimitedModelForm):
    """The IMAP mailbox; the password is write-only (never shown back)."""

    password = forms.CharField(
        label=_("Password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the stored password."),
    )

    class Meta:
        model = Mailbox
        fields = ["name", "host", "port", "use_tls", "username", "folder", "is_active"]
