"""WhyPopup: a small non-modal window answering "why is this claim in / out / undecided?".

It lists the reasons of ``MapDocument.explain``: the attackers that defeat the node, the
attacks on it with the defenders that answer them, or its undecided attackers. Every claim
named is a link; clicking one asks for it to be selected (``nodesActivated``). The popup
follows the map: after an edit it explains the same node again (and closes when it is gone).
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QHBoxLayout, QVBoxLayout, QWidget

from debatemap.core.errors import DebatemapError
from debatemap.core.evaluation import Explanation, Reason
from debatemap.document.mapdocument import MapDocument

LABEL_WORDS = {"in": "✓ in", "out": "✗ out", "undecided": "? undecided"}
ROLE_HEADINGS = {
    "out": "Defeated by",
    "in": "Every attack on it is answered",
    "undecided": "Undecided because of",
}
SHORT = 60  # characters of a claim's text in a link


def short_text(text: str, limit: int = SHORT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_TOKEN = re.compile(r"[^\s,():]+")


def reason_html(amap, reason: Reason, subject: str) -> str:
    """A reason's text with node ids as links to the claims (the subject is "this claim")."""
    out: list[str] = []
    at = 0
    text = reason.text
    for match in _TOKEN.finditer(text):
        item = match.group(0)
        if item == subject:
            words = "<i>this claim</i>"
        elif item in amap.nodes:
            short = html.escape(short_text(amap.nodes[item].text))
            words = f'<a href="node:{html.escape(item)}">“{short}”</a>'
        elif item in amap.edges:
            words = "the link"
        else:
            continue
        out.append(html.escape(text[at:match.start()]))
        out.append(words)
        at = match.end()
    out.append(html.escape(text[at:]))
    return "".join(out)


def explanation_html(amap, explanation: Explanation) -> str:
    subject = explanation.node
    label = LABEL_WORDS.get(explanation.label, explanation.label)
    parts = []
    if explanation.manual:
        parts.append(f"<p><b>{label}</b>, marked by hand (the mark overrides the"
                     " computed label).</p>")
        return "".join(parts)
    heading = ROLE_HEADINGS.get(explanation.label, "")
    if not explanation.reasons:
        why = "nothing attacks it" if explanation.label == "in" else explanation.summary
        parts.append(f"<p><b>{label}</b>: {html.escape(why.replace(subject, 'this claim'))}.</p>")
        return "".join(parts)
    if explanation.label == "out" and explanation.reasons[0].role == "may defeat":
        heading = "Out in every preferred extension; attackers that defeat it in some"
    parts.append(f"<p><b>{label}</b> — {heading}:</p><ul>")
    for reason in explanation.reasons:
        if reason.role == "answered" and "has reasons" in reason.text:
            parts.append("<li>it needs a reason that stands, and has one:<ul>")
            for defender in reason.defenders:
                parts.append(f"<li>{reason_html(amap, defender, subject)}</li>")
            parts.append("</ul></li>")
            continue
        parts.append(f"<li>{reason_html(amap, reason, subject)}")
        if reason.defenders:
            parts.append("<br>answered by:<ul>")
            for defender in reason.defenders:
                parts.append(f"<li>{reason_html(amap, defender, subject)}</li>")
            parts.append("</ul>")
        elif reason.role == "answered":
            parts.append(" <i>(out)</i>")
        parts.append("</li>")
    parts.append("</ul>")
    return "".join(parts)


class WhyPopup(QFrame):
    nodesActivated = Signal(list)  # node ids: a claim named in the explanation was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool)
        self.setObjectName("whyPopup")
        self.setWindowTitle("Why?")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.document: MapDocument | None = None
        self.node_id: str | None = None
        self.explanation: Explanation | None = None
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.title)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.body.setOpenExternalLinks(False)
        self.body.linkActivated.connect(self._link)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.body, 1)
        row = QHBoxLayout()
        self.semantics_note = QLabel()
        self.semantics_note.setEnabled(False)
        row.addWidget(self.semantics_note, 1)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        row.addWidget(close)
        layout.addLayout(row)
        self.setMinimumWidth(400)
        self.resize(420, 240)

    def set_document(self, document: MapDocument | None) -> None:
        if self.document is not None:
            self.document.evaluationChanged.disconnect(self._refresh)
            self.document.nodesChanged.disconnect(self._refresh)
        self.document = document
        if document is not None:
            document.evaluationChanged.connect(self._refresh)
            document.nodesChanged.connect(self._refresh)
        self.node_id = None
        self.explanation = None
        self.hide()

    def explain(self, node_id: str) -> bool:
        """Show why ``node_id`` has its label; False when there is no such node."""
        if self.document is None or node_id not in self.document.map.nodes:
            return False
        self.node_id = node_id
        self._refresh()
        self.show()
        self.raise_()
        self.adjustSize()
        return True

    def _refresh(self, *_args) -> None:
        if self.document is None or self.node_id is None:
            return
        amap = self.document.map
        if self.node_id not in amap.nodes:
            self.node_id = None
            self.explanation = None
            self.hide()
            return
        try:
            self.explanation = self.document.explain(self.node_id)
        except DebatemapError as error:
            self.body.setText(html.escape(str(error)))
            return
        words = html.escape(short_text(amap.nodes[self.node_id].text, 90))
        label = self.explanation.label
        self.title.setText(f"<b>Why is “{words}” {label}?</b>")
        self.body.setText(explanation_html(amap, self.explanation))
        self.semantics_note.setText(f"{self.document.semantics} semantics")
        self.resize(self.width(), self.sizeHint().height())

    def linked_nodes(self) -> list[str]:
        """The node ids the explanation links to, in order (for tests and accessibility)."""
        return re.findall(r'href="node:([^"]+)"', self.body.text())

    def _link(self, href: str) -> None:
        if href.startswith("node:"):
            self.nodesActivated.emit([href[len("node:"):]])
