"""`debatemap check` also checks the workshop tables: votes over budget, broken agenda items."""

import json
import sqlite3

from cli_run import ok, run

from debatemap.core.model import Participant
from debatemap.store.session import MapSession


def _map_with_votes(path):
    with MapSession.create(path) as session:
        node = session.add_node("Free fares would fill the buses")
        session.add_participant(Participant(id="p1", name="Ana"))
        session.set_vote(node.id, "p1", "dot", 3)
        session.set_vote(node.id, "p1", "rating", 2)


def test_an_intact_workshop_passes(tmp_path):
    path = tmp_path / "w.debatemap"
    _map_with_votes(path)
    report = json.loads(ok("check", path, "--json"))
    assert report["ok"] and report["problems"] == []


def test_a_vote_over_budget_and_a_bad_rating_are_problems(tmp_path):
    path = tmp_path / "w.debatemap"
    _map_with_votes(path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE vote SET value = 99 WHERE kind = 'dot'")
    connection.execute("UPDATE vote SET value = 7 WHERE kind = 'rating'")
    connection.commit()
    connection.close()
    result = run("check", path, "--json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)["problems"]
    assert len(problems) == 2 and all(p.startswith("vote ") for p in problems)
    assert result.stderr.decode().strip() == f"debatemap: error: {path}: 2 problem(s) found"
