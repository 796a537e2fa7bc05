from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task()
def survey_after_milestone_task(milestone_id: int) -> None:
    from .services import survey_after_milestone

    survey_after_milestone(milestone_id=milestone_id)


@db_task()
def survey_after_case_task(case_id: int) -> None:
    from .services import survey_after_case

    survey_after_case(case_id=case_id)
