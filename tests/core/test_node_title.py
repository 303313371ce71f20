"""Node titles: None or one stripped, non-empty line; checked on add, update and in problems()."""

import pytest

from debatemap.core.argmap import ArgumentMap, clean_title
from debatemap.core.errors import InvalidValueError
from debatemap.core.model import Node


def test_a_node_has_no_title_by_default():
    amap = ArgumentMap()
    amap.add_node(Node(id="n1", text="claim"))
    assert amap.nodes["n1"].title is None


def test_a_title_is_stored_stripped():
    amap = ArgumentMap()
    amap.add_node(Node(id="n1", text="claim", title="  Free fares \t"))
    assert amap.nodes["n1"].title == "Free fares"
    amap.update_node("n1", title=" Fares ")
    assert amap.nodes["n1"].title == "Fares"


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_a_blank_title_is_refused(title):
    amap = ArgumentMap()
    with pytest.raises(InvalidValueError, match="title cannot be blank"):
        amap.add_node(Node(id="n1", text="claim", title=title))
    assert amap.nodes == {}


@pytest.mark.parametrize("title", ["two\nlines", "two\r\nlines", "a\rb", "para\u2029graph", "x\u2028y"])
def test_a_title_with_a_line_break_is_refused(title):
    amap = ArgumentMap()
    with pytest.raises(InvalidValueError, match="single line"):
        amap.add_node(Node(id="n1", text="claim", title=title))
    assert amap.nodes == {}


def test_a_trailing_newline_is_stripped_not_refused():
    assert clean_title("Title\n") == "Title"


def test_a_title_that_is_not_text_is_refused():
    with pytest.raises(InvalidValueError, match="must be text"):
        ArgumentMap().add_node(Node(id="n1", text="claim", title=42))


def test_a_refused_update_changes_nothing():
    amap = ArgumentMap()
    amap.add_node(Node(id="n1", text="claim", title="Old"))
    with pytest.raises(InvalidValueError, match="single line"):
        amap.update_node("n1", title="new\ntitle")
    assert amap.nodes["n1"].title == "Old"
    before = amap.update_node("n1", title=None)  # clearing a title is allowed
    assert before.title == "Old" and amap.nodes["n1"].title is None


def test_problems_names_a_node_with_a_bad_title():
    amap = ArgumentMap.from_parts("t", [Node(id="n1", text="claim", title="a\nb"),
                                        Node(id="n2", text="fine", title="Fine")])
    assert amap.problems() == ["node n1: a node's title must be a single line, without line breaks"]


def test_session_updates_and_reopens_a_title(tmp_path):
    from debatemap.store.session import MapSession

    path = tmp_path / "titled.debatemap"
    with MapSession.create(path, "Titled") as session:
        node = session.add_node("Fares pay a third of the costs")
        session.update_node(node.id, title=" Lost revenue ")
        with pytest.raises(InvalidValueError):
            session.update_node(node.id, title="two\nlines")
        assert session.map.nodes[node.id].title == "Lost revenue"
    with MapSession.open(path, readonly=True) as session:
        assert session.map.nodes[node.id].title == "Lost revenue"
