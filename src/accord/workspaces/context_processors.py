from django.utils import timezone


def current_member(request):
    return {
        "member": getattr(request, "member", None),
        "workspace": getattr(request, "workspace", None),
        "today": timezone.localdate(),
    }
