"""Issue 7's "done when": a scripted 10-minute workshop under Xvfb, real keyboard and pointer, from
three participants to the handout, then the file read back (see workshop_app.py)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
MISSING = [tool for tool in ("xvfb-run", "xdotool") if shutil.which(tool) is None]
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """Runs the workshop once; its JSON report, the work folder and the app's constants."""
    sys.path.insert(0, str(HERE))
    try:
        import workshop_app
    finally:
        sys.path.remove(str(HERE))
    folder = tmp_path_factory.mktemp("workshop")
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environment["QT_QPA_PLATFORM"] = "xcb"
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24",
         sys.executable, str(HERE / "workshop_app.py"), str(folder)],
        capture_output=True, text=True, timeout=400, env=environment,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "error" not in report, report
    return report, folder, workshop_app


pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"needs {' and '.join(MISSING)} "
                                "(scripts/setup --test installs them as root on Debian)")


def test_the_session_runs_through_every_tool_with_real_input(session):
    report, _folder, app = session
    assert report["steps"] == ["participants", "first item", "second item", "parked", "votes",
                               "presented", "agenda done", "handout", "quit"], report
    assert report["dialogs"] == [], report  # no error or notice came up
    assert report["name_dialog"] == ["Add Participant"]  # the third name typed into the dialog
    # the 4-minute timeboxes on the fake clock: five minutes each runs a minute over
    assert report["fake_clock"] and report["timer_started"] == "04:00"
    assert report["item_1_timer"] == report["item_2_timer"] == "+01:00"
    assert report["time_up_messages"] == 2
    assert report["after_agenda"] == "--:--"  # Next Item after the last one: nothing current
    assert report["refusal"] == ("Amira Haddad has no dots left (3 of 3 placed): take one back"
                                 " first, or raise the dot budget.")
    assert report["refusal_dots"] == 3
    assert report["votes_table_rows"] == 5
    assert report["parking_dock_shown"]
    assert report["parked_row"].startswith(app.OFF_TOPIC.removeprefix("n ") + "\nBen Okafor")
    assert report["closed"]


def test_presentation_mode_and_the_audience_window_show_the_timer(session):
    report, folder, app = session
    assert report["presented"] == report["audience_shows"] == app.QUESTION_2
    assert report["slide"] == app.CONGESTION  # Page Down: the first reason's subtree
    assert report["presentation_overlay"] and report["audience_overlay"]
    assert report["editor_keeps_keys"]  # opening the audience window left the editor active
    for name in ("presentation.png", "audience.png"):
        data = (folder / name).read_bytes()
        assert data.startswith(PNG) and len(data) > 50_000, name
        assert int.from_bytes(data[16:20], "big") == 1600  # width: the whole screen


def test_the_file_holds_the_session(session):
    report, _folder, app = session
    stored = report["file"]
    assert stored["participants"] == sorted(app.PEOPLE)
    captured = 2 + app.captured_count(app.DISCUSSION_1) + app.captured_count(app.DISCUSSION_2)
    assert captured == 27
    assert stored["nodes"] == captured and stored["edges"] == captured - 2
    assert stored["kinds"] == {"question": 2, "claim": 14, "objection": 10, "idea": 1}
    assert stored["authors"] == {"Amira Haddad": 10, "Ben Okafor": 9, "Chloe Martin": 8}
    assert [(a["question"], a["done"], a["timebox"]) for a in stored["agenda"]] == [
        (app.QUESTION_1, True, 240), (app.QUESTION_2, True, 240)]
    assert all(abs(a["spent"] - 300) < 1 for a in stored["agenda"]), stored["agenda"]
    assert stored["dot_budget"] == 3
    assert stored["dots"] == {"Amira Haddad": 3, "Ben Okafor": 2, "Chloe Martin": 3}
    assert stored["dot_votes"] == [
        ["Amira Haddad", app.CONGESTION, 1], ["Amira Haddad", app.LEVY, 2],
        ["Ben Okafor", app.CONGESTION, 1], ["Ben Okafor", app.SAVINGS, 1],
        ["Chloe Martin", app.LEVY, 1], ["Chloe Martin", app.CLIMATE, 2]]
    assert stored["ratings"] == [["Amira Haddad", app.CONGESTION, 2],
                                 ["Ben Okafor", app.WEEKENDS, -1],
                                 ["Chloe Martin", app.CONGESTION, 1],
                                 ["Chloe Martin", app.LEVY, 0]]
    assert stored["parked"] == [[app.OFF_TOPIC.removeprefix("n "), "Ben Okafor"]]
    assert stored["problems"] == []
    assert stored["check"]["exit"] == 0 and json.loads(stored["check"]["output"])["ok"]
    # replay: the map as it was right after the first question was captured
    first = stored["replay_first_node"]
    assert first["nodes"] == [app.QUESTION_1] and first["by"] == "Amira Haddad", first
    assert 0 < first["event"] < stored["events"]


def test_the_handout_has_the_questions_names_votes_and_parking_lot(session):
    report, folder, app = session
    markdown = report["file"]["handout_md"]
    assert markdown["questions"] == [True, True] and markdown["names"] == [True, True, True]
    assert markdown["parked"] and markdown["votes_section"] and markdown["image"] > 10_000
    assert report["file"]["handout_md_votes"][:2] == [
        ["1", app.LEVY, "3", "2", "0.0", "1"], ["2", app.CONGESTION, "2", "2", "+1.5", "2"]]
    pdf = report["file"]["handout_pdf"]
    assert pdf["bytes"] > 10_000 and pdf["pages"] >= 1 and pdf["has_question"]
    assert report["handout_status"].startswith(f"Wrote the handout {folder / 'handout.pdf'} (")
