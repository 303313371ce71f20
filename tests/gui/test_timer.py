"""The workshop timers with a mocked clock: the countdown, its displays in the dock, presentation
mode and the audience window, the time-up signal, spent time recorded, the silence timer."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from agenda_helpers import CTRL_ALT, FakeClock, agenda_fixtures, press
from debatemap.app import workshop_agenda
from debatemap.widgets.workshop_timer import (CALM, IDLE, OVER, OVER_PANEL, OVER_PANEL_DIM,
                                              WARNING, WARNING_TEXT, Countdown, SilenceOverlay,
                                              TimerWidget)

clock, opened, agenda = agenda_fixtures()

# ---- the countdown model -------------------------------------------------------------------


def test_countdown_is_exact_under_a_mocked_clock():
    clock = FakeClock(500.0)
    countdown = Countdown(clock)
    assert countdown.tone() == IDLE and countdown.text() == "--:--"
    countdown.load(600, "Who pays?")
    assert (countdown.text(), countdown.tone(), countdown.is_paused()) == ("10:00", CALM, True)
    countdown.start()
    clock.advance(0.25)
    assert countdown.text() == "10:00"  # rounded up: 599.75 s left
    clock.advance(59.75)
    assert countdown.remaining() == 540.0 and countdown.text() == "09:00"
    countdown.pause()
    clock.advance(1000)  # paused: nothing runs
    assert countdown.elapsed() == 60.0 and countdown.text() == "09:00"
    countdown.resume()
    clock.advance(479)
    assert (countdown.text(), countdown.tone()) == ("01:01", CALM)
    clock.advance(1)
    assert (countdown.text(), countdown.tone()) == ("01:00", WARNING)  # the last minute: amber
    clock.advance(59.5)
    assert (countdown.text(), countdown.tone()) == ("00:01", WARNING)
    clock.advance(0.5)
    assert (countdown.text(), countdown.tone()) == ("00:00", OVER)
    clock.advance(65.9)
    assert (countdown.text(), countdown.tone()) == ("+01:05", OVER)  # counts into overtime
    assert countdown.fraction_left() == 0.0


def test_expired_is_signalled_once_per_run_out_and_again_after_more_time(qtbot):
    clock = FakeClock()
    countdown = Countdown(clock)
    fired = []
    countdown.expired.connect(lambda: fired.append(clock.now))
    countdown.load(90)
    countdown.start()
    clock.advance(89)
    countdown.refresh()
    assert fired == []
    clock.advance(2)
    countdown.refresh()
    countdown.refresh()
    assert len(fired) == 1
    countdown.add_minute()  # back above zero: it may ring again
    assert countdown.text() == "00:59" and countdown.tone() == WARNING
    clock.advance(60)
    countdown.refresh()
    assert len(fired) == 2
    countdown.reset()
    assert (countdown.text(), countdown.is_running()) == ("01:30", False)


def test_the_tick_only_repaints_and_notices_the_end(qtbot):
    clock = FakeClock()
    countdown = Countdown(clock)
    countdown.load(30)
    countdown.start()
    clock.advance(31)
    with qtbot.waitSignal(countdown.expired, timeout=2000):
        pass  # the QTimer tick calls refresh
    assert countdown.text() == "+00:01"


def test_unrecorded_time_is_taken_once():
    clock = FakeClock()
    countdown = Countdown(clock)
    countdown.load(600, elapsed=100)
    assert countdown.remaining() == 500
    countdown.start()
    clock.advance(30)
    assert countdown.unrecorded() == 30
    assert countdown.take_unrecorded() == 30
    clock.advance(12)
    countdown.pause()
    clock.advance(50)
    assert countdown.take_unrecorded() == 12 and countdown.take_unrecorded() == 0
    assert countdown.elapsed() == 142


def test_an_item_already_over_its_time_does_not_ring_again_on_loading():
    clock = FakeClock()
    countdown = Countdown(clock)
    fired = []
    countdown.expired.connect(lambda: fired.append(1))
    countdown.load(60, elapsed=75)
    countdown.start()
    countdown.refresh()
    assert countdown.text() == "+00:15" and fired == []


# ---- the displays --------------------------------------------------------------------------


def colours_of(widget) -> set[str]:
    image = widget.grab().toImage()
    return {image.pixelColor(x, y).name() for x in range(0, image.width(), 2)
            for y in range(0, image.height(), 2)}


def test_the_widget_turns_amber_then_red_and_pulses_in_overtime(qtbot):
    clock = FakeClock()
    countdown = Countdown(clock)
    widget = TimerWidget(countdown, compact=True)
    qtbot.addWidget(widget)
    widget.resize(widget.sizeHint())
    countdown.load(120, "Who pays?")
    countdown.start()
    assert WARNING_TEXT.name() not in colours_of(widget)
    clock.advance(61)
    assert widget.tone() == WARNING and widget.shown_text() == "00:59"
    assert WARNING_TEXT.name() in colours_of(widget)  # amber digits
    clock.advance(60)
    countdown.refresh()
    assert widget.tone() == OVER and widget.caption() == "Time is up · Who pays?"
    bright = colours_of(widget)
    clock.advance(0.5)  # half a second later the panel is the dim red
    dim = colours_of(widget)
    assert OVER_PANEL.name() in bright and OVER_PANEL.name() not in dim
    assert OVER_PANEL_DIM.name() in dim
    countdown.pause()  # paused over time: steady red, says so
    assert OVER_PANEL.name() in colours_of(widget)
    assert widget.caption().startswith("Time is up")


def test_the_dock_shows_the_countdown_and_its_buttons_drive_it(window, agenda, opened, clock, qtbot):
    shop = window.document.workshop
    item = shop.add_agenda_item(opened["q1"], 300)
    panel = agenda.panel
    panel._select(item.id)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.timer_widget.shown_text() == "05:00" and panel.toggle_button.text() == "Pause"
    assert "1/1 · Who pays for it?" in panel.timer_widget.caption()
    clock.advance(100)
    qtbot.mouseClick(panel.minute_button, Qt.MouseButton.LeftButton)
    assert panel.timer_widget.shown_text() == "04:20"
    qtbot.mouseClick(panel.toggle_button, Qt.MouseButton.LeftButton)  # pause
    assert panel.toggle_button.text() == "Resume" and panel.timer_widget.caption().startswith("Paused")
    assert shop.agenda[0].spent == 100
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert panel.timer_widget.shown_text() == "05:00" and shop.agenda[0].spent == 100


def test_presentation_mode_shows_the_large_timer_in_its_corner(window, agenda, opened, clock, qtbot):
    shop = window.document.workshop
    shop.add_agenda_item(opened["q1"], 600)
    timer = agenda.presentation_timer
    assert window.presentation.overlay.widget() is None  # nothing current: no timer
    press(qtbot, window.view, Qt.Key.Key_T, CTRL_ALT)  # Start Timer: the first open item
    assert window.presentation.overlay.widget() is timer and not timer.isVisible()
    press(qtbot, window.view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.waitUntil(timer.isVisible)
    view = window.view
    assert timer.parentWidget() is view
    corner = timer.geometry()
    area = view.viewport().geometry()
    assert corner.right() > area.center().x() and corner.top() < area.center().y()
    assert corner.right() <= area.right() and corner.top() >= area.top()
    assert timer.digit_pixels() >= 44  # legible from the back of the room
    clock.advance(30)
    timer.countdown.refresh()
    assert timer.shown_text() == "09:30"
    press(qtbot, view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not timer.isVisible()


def test_the_audience_window_shows_its_own_timer_on_the_same_countdown(window, agenda, opened,
                                                                       clock, qtbot):
    shop = window.document.workshop
    shop.add_agenda_item(opened["q1"], 600)
    agenda.run.toggle()
    audience = window.audience.open()
    qtbot.waitExposed(audience)
    try:
        timer = agenda.audience_timer
        assert audience.overlay.widget() is timer and timer.isVisible()
        assert timer is not agenda.presentation_timer
        assert timer.countdown is agenda.presentation_timer.countdown is agenda.countdown
        clock.advance(545)
        assert timer.shown_text() == agenda.panel.timer_widget.shown_text() == "00:55"
        assert timer.tone() == WARNING
        agenda.run.next_item()  # the last item done: nothing current, the timers go
        assert audience.overlay.widget() is None and window.presentation.overlay.widget() is None
    finally:
        window.audience.close()


def test_time_up_is_one_beep_and_a_status_line_never_a_dialog(window, agenda, opened, clock,
                                                               qtbot, monkeypatch, dialog_log):
    beeps = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    window.document.workshop.add_agenda_item(opened["q1"], 60)
    agenda.run.toggle()
    clock.advance(61)
    agenda.countdown.refresh()
    agenda.countdown.refresh()
    assert beeps == [1]
    assert window.statusBar().currentMessage().startswith("Time is up for “Who pays for it?”")
    assert QApplication.activeModalWidget() is None and not dialog_log.errors
    assert agenda.countdown.is_running()  # it counts on
    agenda.beep_action.trigger()  # Beep When Time Is Up: off
    agenda.countdown.add_minute()
    clock.advance(60)
    agenda.countdown.refresh()
    assert beeps == [1]


def test_pausing_records_the_spent_time_as_one_undoable_step(window, agenda, opened, clock, qtbot):
    shop = window.document.workshop
    item = shop.add_agenda_item(opened["q1"], 600)
    stack = window.document.undo_stack
    press(qtbot, window.view, Qt.Key.Key_T, CTRL_ALT)
    assert agenda.countdown.is_running() and agenda.toggle_action.text() == "&Pause Timer"
    clock.advance(90)
    press(qtbot, window.view, Qt.Key.Key_T, CTRL_ALT)
    assert not agenda.countdown.is_running() and agenda.toggle_action.text() == "Re&sume Timer"
    assert shop.agenda[0].spent == 90 and stack.undoText() == "Record time spent"
    press(qtbot, window.view, Qt.Key.Key_F8)  # the other key of Start/Pause: resume
    clock.advance(30)
    press(qtbot, window.view, Qt.Key.Key_F8)
    assert shop.agenda[0].spent == 120
    count = stack.count()
    stack.undo()  # the two recordings of one item merged into one step
    assert shop.agenda[0].spent == 0 and stack.count() == count
    stack.redo()
    assert shop.model.agenda_item(item.id).spent == 120


# ---- silence -------------------------------------------------------------------------------


def shown_silences(view) -> list:
    return [w for w in view.findChildren(SilenceOverlay) if w.isVisible()]



def test_silence_covers_the_canvas_and_ends_by_itself(window, agenda, opened, clock, qtbot,
                                                      monkeypatch):
    beeps = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    agenda.silence_actions[1].trigger()  # Workshop → Silence → 2 Minutes
    silence = agenda.silence
    assert silence.is_active() and agenda.end_silence_action.isEnabled()
    [overlay] = silence.overlays()
    assert overlay.parentWidget() is window.view and overlay.isVisible()
    assert overlay.geometry() == window.view.viewport().geometry()
    assert silence.countdown.text() == "02:00"
    image = overlay.grab().toImage()
    assert image.pixelColor(3, 3).lightness() < 60  # the veil darkens the map behind
    middle = [image.pixelColor(x, image.height() // 2).name()
              for x in range(image.width() // 3, 2 * image.width() // 3)]
    assert "#ffffff" in middle  # the big white digits in the middle
    clock.advance(119)
    qtbot.wait(300)
    assert silence.is_active() and silence.countdown.text() == "00:01"
    clock.advance(1)
    qtbot.waitUntil(lambda: not silence.is_active(), timeout=2000)
    assert silence.overlays() == [] and shown_silences(window.view) == []
    assert beeps == [1] and window.statusBar().currentMessage() == "The silence is over."


def test_esc_ends_the_silence_and_only_the_silence_while_presenting(window, agenda, opened, qtbot):
    press(qtbot, window.view, Qt.Key.Key_F5)
    qtbot.waitUntil(window.isFullScreen)
    agenda.start_silence(60)
    [overlay] = agenda.silence.overlays()
    qtbot.waitUntil(overlay.isVisible)
    press(qtbot, window.view, Qt.Key.Key_Escape)
    assert not agenda.silence.is_active() and shown_silences(window.view) == []
    assert window.presentation.is_active()  # the first Esc was the silence's
    press(qtbot, window.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_a_custom_silence_asks_its_length_and_shows_in_the_audience_window(
        window, agenda, opened, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(workshop_agenda, "ask_silence_seconds",
                        lambda parent: asked.append(parent) or 45)
    audience = window.audience.open()
    qtbot.waitExposed(audience)
    try:
        agenda.custom_silence_action.trigger()
        assert asked == [window]
        assert agenda.silence.countdown.text() == "00:45"
        parents = {o.parentWidget() for o in agenda.silence.overlays()}
        assert parents == {window.view, audience.view}
        press(qtbot, audience.view, Qt.Key.Key_Escape)  # Esc in the audience window ends it too
        assert not agenda.silence.is_active()
        monkeypatch.setattr(workshop_agenda, "ask_silence_seconds", lambda parent: None)
        agenda.custom_silence_action.trigger()  # cancelled: no silence
        assert not agenda.silence.is_active()
    finally:
        window.audience.close()


def test_clicks_pass_through_the_silence_to_the_canvas(window, agenda, opened, qtbot):
    agenda.start_silence(60)
    [overlay] = agenda.silence.overlays()
    view = window.view
    middle = view.viewport().geometry().center()
    assert view.childAt(middle) is view.viewport()  # not the overlay above it
    agenda.end_silence_action.trigger()
    assert not agenda.silence.is_active() and agenda.silence.overlays() == []
