from debatemap.core.errors import DebatemapError
from debatemap.interchange.errors import FormatError


def test_format_error_with_line():
    err = FormatError("map.json", "broken", line=3)
    assert isinstance(err, DebatemapError)
    assert str(err) == "map.json:3: broken"
    assert (err.file, err.line, err.reason) == ("map.json", 3, "broken")


def test_format_error_without_line():
    assert str(FormatError("map.json", "no nodes")) == "map.json: no nodes"
