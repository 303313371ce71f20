"""Vote pills on the cards: what they say, where they are painted, and that they follow the votes.

The map of the fixtures: "Make transit free" (thesis), "It cuts traffic" (reason) supporting
it, the objection "It costs too much" (cost) attacking it.
"""

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from debatemap.canvas import style
from debatemap.canvas.vote_badge import VoteBadge, rating_text
from debatemap.canvas.vote_sync import install_vote_sync


def render(scene, rect: QRectF) -> QImage:
    image = QImage(int(rect.width()) + 1, int(rect.height()) + 1, QImage.Format.Format_ARGB32)
    image.fill(QColor("#f3f4f6"))
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def grey_values(image: QImage) -> list[int]:
    return [image.pixelColor(x, y).value() for x in range(image.width()) for y in range(image.height())]


def pill_rect(item) -> QRectF:
    """The pill in scene coordinates."""
    return item.mapRectToScene(item.votes.rect(item.rect))


def voters(document, *names):
    workshop = document.workshop
    people = [workshop.add_participant(name) for name in names]
    workshop.set_current_speaker(people[0].id)
    return people


def test_rating_text_is_signed_with_a_real_minus():
    assert rating_text(1.333) == "+1.3"
    assert rating_text(-0.5) == "−0.5"
    assert rating_text(0.04) == "0.0"
    assert VoteBadge(3, 1.333, 3).text == "●●● 3  +1.3"
    assert VoteBadge(7).text == "●●●●● 7"  # five discs at most, then the number
    assert VoteBadge(0, -2.0, 1).text == "−2.0"


def test_cards_without_votes_have_no_pill_and_bounds_as_before(scene, document, ids):
    install_vote_sync(scene)
    item = scene.node_items[ids.thesis]
    assert item.votes is None and item.vote_badge_text() == ""
    assert item.boundingRect() == item.rect.adjusted(-4, -4, style.HANDLE_RADIUS + 4, 4)
    assert "Votes" not in item.tooltip_text()


def test_votes_show_as_a_pill_that_follows_every_change_and_undo(scene, document, ids):
    install_vote_sync(scene)
    ada, ben, cy = voters(document, "Ada", "Ben", "Cy")
    workshop = document.workshop
    item = scene.node_items[ids.thesis]
    assert workshop.add_dot(ids.thesis)
    assert item.vote_badge_text() == "● 1"
    assert workshop.add_dot(ids.thesis, ben.id) and workshop.add_dot(ids.thesis, ben.id)
    assert item.vote_badge_text() == "●●● 3"
    assert workshop.rate(ids.thesis, 2) and workshop.rate(ids.thesis, 1, ben.id)
    assert workshop.rate(ids.thesis, 1, cy.id)
    assert item.vote_badge_text() == "●●● 3  +1.3"
    assert "Votes: 3 dots, mean rating +1.3 from 3 ratings" in item.tooltip_text()
    pill = item.votes.rect(item.rect)
    assert item.boundingRect().contains(pill)  # the tab stands above the card, inside the bounds
    assert pill.top() < item.rect.top() < pill.bottom() < item.rect.top() + style.BAND_HEIGHT / 2
    assert pill.right() < item.rect.right()
    document.undo_stack.undo()  # Cy's rating
    assert item.vote_badge_text() == "●●● 3  +1.5"
    for _ in range(5):
        document.undo_stack.undo()
    assert item.votes is None
    document.undo_stack.redo()
    assert item.vote_badge_text() == "● 1"
    assert scene.node_items[ids.reason].votes is None  # only the voted card


def test_the_pill_is_painted_and_reads_in_greyscale_in_every_palette(scene, document, ids):
    install_vote_sync(scene)
    voters(document, "Ada")
    item = scene.node_items[ids.cost]
    workshop = document.workshop
    assert workshop.add_dot(ids.cost) and workshop.add_dot(ids.cost)
    area = pill_rect(item)
    with_pill = render(scene, area)
    assert workshop.clear_rating(ids.cost) is False  # nothing to clear: no change
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert item.votes is None
    without = render(scene, area)
    assert with_pill != without
    dark = sum(1 for v in grey_values(with_pill) if v < 90)
    assert dark > 40 > sum(1 for v in grey_values(without) if v < 90)  # discs and digits
    document.undo_stack.redo()
    for chosen in (style.make_palette(False), style.make_palette(True), style.presentation_palette()):
        with style.painting_with(chosen):
            image = render(scene, area.adjusted(4, 3, -4, -3))  # inside the outline
        values = grey_values(image)
        assert max(values) - min(values) > 120, chosen  # ink against fill, without colour


def test_a_removed_card_comes_back_with_its_pill_and_participants_leaving_update_it(scene, document, ids):
    install_vote_sync(scene)
    ada, ben = voters(document, "Ada", "Ben")
    workshop = document.workshop
    assert workshop.add_dot(ids.reason) and workshop.add_dot(ids.reason, ben.id)
    assert document.remove_items([ids.reason])
    assert ids.reason not in scene.node_items
    document.undo_stack.undo()
    assert scene.node_items[ids.reason].vote_badge_text() == "●● 2"
    assert workshop.remove_participant(ben.id)
    assert scene.node_items[ids.reason].vote_badge_text() == "● 1"


def test_installing_twice_keeps_one_sync_and_a_new_scene_shows_existing_votes(scene, document, ids):
    from debatemap.canvas import MapScene

    first = install_vote_sync(scene)
    assert install_vote_sync(scene) is first
    voters(document, "Ada")
    assert document.workshop.rate(ids.thesis, -1)
    other = MapScene(document)
    try:
        install_vote_sync(other)
        assert other.node_items[ids.thesis].vote_badge_text() == "−1.0"
    finally:
        other.detach()


def test_set_votes_repaints_only_on_a_change(scene, ids):
    item = scene.node_items[ids.thesis]
    assert item.set_votes(2, None, 0)
    assert not item.set_votes(2, None, 0)
    assert item.set_votes(0, None, 0) and item.votes is None


def test_svg_export_draws_the_pill_as_vectors_and_png_export_shows_it(scene, document, ids, tmp_path):
    from debatemap.canvas.export import export_png, export_svg

    install_vote_sync(scene)
    voters(document, "Ada")
    assert document.workshop.add_dot(ids.reason) and document.workshop.rate(ids.reason, -2)
    export_svg(scene, tmp_path / "map.svg")
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "<image" not in svg  # no pixmap in a vector export
    assert "−2.0" in svg  # the mean rating, as text
    export_png(scene, tmp_path / "with.png")
    document.undo_stack.undo()
    document.undo_stack.undo()
    export_png(scene, tmp_path / "without.png")
    assert QImage(str(tmp_path / "with.png")) != QImage(str(tmp_path / "without.png"))
