from django.core.checks import Error, register


@register()
def playbooks_valid(app_configs, **kwargs):
    """Refuse to start with a broken playbook, naming the file and the field."""
    from .playbooks import PlaybookError, builtin_playbooks

    builtin_playbooks.cache_clear()
    try:
        builtin_playbooks()
    except PlaybookError as error:
        return [Error(str(error), id="accord.E001")]
    return []
