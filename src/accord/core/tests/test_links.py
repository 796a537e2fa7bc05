"""core.links.link and the {% url %} tag built on it give what Django's reverse gives."""

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from accord.core.links import link


def _named_views(resolver=None, namespace=""):
    """Every named view of the URL configuration with the number of its arguments."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_views(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.pattern.regex.groups


@pytest.mark.parametrize("ids", [(0,), (7,), (123456,), (42, 9)])
def test_link_equals_reverse_for_every_view_taking_ids(ids):
    checked = 0
    for name, groups in _named_views():
        arguments = ids[:groups] if groups else ()
        if len(arguments) != groups:
            continue
        try:
            expected = reverse(name, args=arguments)
        except NoReverseMatch:
            with pytest.raises(NoReverseMatch):
                link(name, arguments)
            continue
        assert link(name, arguments) == expected, name
        checked += 1
    assert checked > 50


def test_other_arguments_go_to_reverse_itself():
    assert link("projects:panel", [3, "changes"]) == "/projects/3/panels/changes/"
    assert link("projects:detail", kwargs={"project_id": 5}) == "/projects/5/"
    with pytest.raises(NoReverseMatch):
        link("projects:detail", [-1])
    with pytest.raises(NoReverseMatch):
        link("projects:detail", ["x"])
    with pytest.raises(NoReverseMatch):
        link("projects:detail", [])


def test_a_script_prefix_and_another_url_configuration_are_kept_apart():
    from django.urls import set_script_prefix

    assert link("projects:detail", [4]) == "/projects/4/"
    set_script_prefix("/accord/")
    try:
        assert link("projects:detail", [4]) == "/accord/projects/4/"
    finally:
        set_script_prefix("/")
    with override_settings(ROOT_URLCONF="accord.core.tests.urls_other"):
        assert link("other", [4]) == "/elsewhere/4/"
    assert link("projects:detail", [4]) == "/projects/4/"


def test_the_url_tag_is_the_cached_one_and_behaves_as_djangos():
    template = Template(
        '{% url "projects:detail" pk %}|{% url "projects:panel" pk key %}|'
        '{% url "nothing:here" as missing %}[{{ missing }}]|{% url "home" %}'
    )

    rendered = template.render(Context({"pk": 12, "key": "feedback"}))

    assert rendered == "/projects/12/|/projects/12/panels/feedback/|[]|/"
    with pytest.raises(NoReverseMatch):
        Template('{% url "nothing:here" %}').render(Context({}))
