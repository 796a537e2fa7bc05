"""`accord scope eval` and `accord reversal eval`: scores on the held-out sets (data/scope,
data/reversal), or on the tuning sets with --tuning."""

from __future__ import annotations

import click


def _report(name: str, scores, show_errors: bool) -> None:
    click.echo(
        f"{name}: {scores.count} cases, accuracy={scores.accuracy:.3f} "
        f"precision={scores.precision:.3f} recall={scores.recall:.3f}"
    )
    for language, accuracy in scores.by_language.items():
        click.echo(f"  {language}: accuracy={accuracy:.3f}")
    if show_errors:
        for error in scores.errors:
            click.echo(f"  {error}")


def register(group: click.Group) -> None:
    @group.group()
    def scope() -> None:
        """The scope check."""

    @scope.command("eval")
    @click.option(
        "--tuning", is_flag=True, help="Score the tuning set instead of the held-out one."
    )
    @click.option("--errors", is_flag=True, help="List the cases it gets wrong.")
    def scope_eval(tuning: bool, errors: bool) -> None:
        """Accuracy over the verdicts; precision and recall of "not covered"."""
        from .evaluation import scope_evaluate, scope_heldout_set, scope_tuning_set

        cases = scope_tuning_set() if tuning else scope_heldout_set()
        _report("scope check", scope_evaluate(cases), errors)

    @scope.command("fit")
    @click.option(
        "--vectors", is_flag=True, help="Also write other_work.npz (the other work's vectors)."
    )
    def scope_fit_command(vectors: bool) -> None:
        """Fit the scope check's weights on the tuning sets and print them for scope.py."""
        from .evaluation import scope_fit, scope_tuning_set
        from .scope import other_work_vectors_write

        if vectors:
            click.echo(f"wrote {other_work_vectors_write()}")
        weights, intercepts, cross_validated = scope_fit(scope_tuning_set())
        click.echo(f"accuracy with each tuning contract left out of the fit: {cross_validated:.3f}")
        rows = ",\n".join(f"        {list(map(float, row))}" for row in weights)
        click.echo(f"WEIGHTS = np.array(\n    [\n{rows},\n    ]\n)")
        click.echo(f"INTERCEPTS = np.array({list(map(float, intercepts))})")

    @group.group()
    def reversal() -> None:
        """The reversal matcher."""

    @reversal.command("eval")
    @click.option(
        "--tuning", is_flag=True, help="Score the tuning set instead of the held-out one."
    )
    @click.option("--errors", is_flag=True, help="List the cases it gets wrong.")
    def reversal_eval(tuning: bool, errors: bool) -> None:
        """Accuracy, precision and recall of naming the contradicted agreement."""
        from .evaluation import reversal_evaluate, reversal_heldout_set, reversal_tuning_set

        cases = reversal_tuning_set() if tuning else reversal_heldout_set()
        _report("reversal matcher", reversal_evaluate(cases), errors)
