"""A consumer killed with SIGKILL mid-triage, an import stopped with Ctrl-C: every message is
stored once and triaged once in the end."""

import os
import signal

import pytest

from .conftest import wait_until, write_mbox

pytestmark = pytest.mark.faults
COUNT = 2000


def _results(accord) -> tuple[int, int]:
    """(triage results, distinct interactions with a result)."""
    return accord.sql("SELECT count(*), count(DISTINCT interaction_id) FROM triage_triageresult")[0]


def test_consumer_killed_mid_triage_then_restarted_triages_every_message_once(accord_pg, tmp_path):
    accord = accord_pg
    mbox = write_mbox(tmp_path / "inbox.mbox", COUNT)
    imported = accord.command("import-mail", str(mbox))
    assert imported.returncode == 0, imported.stderr
    assert f"imported: {COUNT}," in imported.stdout
    assert accord.triage_counts() == {"pending": COUNT}

    first = accord.consumer()
    done_at_kill = wait_until(
        lambda: accord.triage_counts().get("done", 0) >= 100 and accord.triage_counts(),
        timeout=120,
        interval=0.05,
        what="the consumer to triage its first messages",
    )
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    after_kill = accord.triage_counts()

    accord.consumer()
    wait_until(
        lambda: accord.triage_counts() == {"done": COUNT},
        timeout=150,
        interval=0.5,
        what="every message to be triaged after the restart",
    )

    # Killed while it worked: part done, the rest pending or claimed by the dead consumer.
    assert after_kill.get("done", 0) < COUNT, after_kill
    assert after_kill.get("pending", 0) + after_kill.get("running", 0) > 0
    assert done_at_kill.get("done", 0) >= 100
    assert _results(accord) == (COUNT, COUNT)
    assert (
        accord.scalar(
            "SELECT count(*) FROM communications_interaction i JOIN triage_triageresult r "
            "ON r.interaction_id = i.id WHERE i.triage_state = 'done' AND r.model_version <> ''"
        )
        == COUNT
    )


def test_import_interrupted_with_ctrl_c_then_run_again_stores_and_triages_each_message_once(
    accord_local_queue, tmp_path
):
    accord = accord_local_queue
    count = 800
    mbox = write_mbox(tmp_path / "inbox.mbox", count)

    running = accord.popen("import-mail", str(mbox))
    wait_until(
        lambda: accord.scalar("SELECT count(*) FROM communications_interaction") >= 200,
        timeout=120,
        interval=0.05,
        what="the import to store its first messages",
    )
    running.send_signal(signal.SIGINT)  # Ctrl-C
    _out, err = running.communicate(timeout=60)
    stored_first = accord.scalar("SELECT count(*) FROM communications_interaction")

    again = accord.command("import-mail", str(mbox))
    consumer = accord.consumer()
    wait_until(
        lambda: accord.triage_counts() == {"done": count},
        timeout=150,
        interval=0.5,
        what="every message to be triaged",
    )

    assert running.returncode == 130, err
    assert "import interrupted" in err and "Run the same command again" in err
    assert 200 <= stored_first < count
    assert again.returncode == 0, again.stderr
    assert f"imported: {count - stored_first}, duplicates: {stored_first}," in again.stdout
    assert accord.sql(
        "SELECT count(*), count(DISTINCT message_id) FROM communications_interaction"
    )[0] == (count, count)
    assert _results(accord) == (count, count)
    assert consumer.poll() is None
