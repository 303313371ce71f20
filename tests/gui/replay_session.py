"""A small workshop session recorded through a MapDocument (every step one event), for the
replay and handout tests."""

from pathlib import Path

from debatemap.document import MapDocument


def record_session(path: Path, title: str = "Free transit") -> dict:
    """Write a map whose history holds participants, captures, a layout, votes, the agenda,
    the parking lot, an undo and a removal; returns ids by role and the event count."""
    document = MapDocument.create(path, title)
    try:
        shop = document.workshop
        ada = shop.add_participant("Ada")
        bo = shop.add_participant("Bo")
        shop.set_current_speaker(ada.id)
        question = shop.capture("? Should transit be free?")
        shop.add_agenda_item(question.id, 900)
        reason = shop.capture("+ It cuts car traffic", question.id)
        shop.set_current_speaker(bo.id)
        cost = shop.capture("- It costs 40 million a year", question.id)
        shop.capture("+ Cleaner air", reason.id)
        stray = shop.capture("+ A stray thought", question.id)
        document.remove_items([stray.id])
        shop.park("Bike lanes on Main Street")
        document.layout(move_all=True)
        shop.add_dot(reason.id, ada.id)
        shop.add_dot(reason.id, bo.id)
        shop.rate(cost.id, -1, ada.id)
        shop.set_agenda_done(shop.agenda[0].id)
        document.set_node_text(cost.id, "It costs 45 million a year", merge=False)
        document.undo_stack.undo()
        return {"ada": ada.id, "bo": bo.id, "question": question.id, "reason": reason.id,
                "cost": cost.id, "stray": stray.id, "events": shop.event_count()}
    finally:
        document.close()
