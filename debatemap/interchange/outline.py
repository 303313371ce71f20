"""A Markdown outline of the map, as a handout: main claims, reasons nested with their stance,
a node's title in bold before its text, sourced claims quoted with their document's title.  Each node appears once (cycles and second
parents become a "see above" line); the order is the map's own, so the output is deterministic."""

from __future__ import annotations

import re
from collections import defaultdict

from debatemap.core.argmap import ArgumentMap
from debatemap.core.model import EdgeType

_STANCE = {
    EdgeType.SUPPORT: "Pro",
    EdgeType.ATTACK: "Con",
    EdgeType.UNDERCUT: "Undercut",
    EdgeType.CONCLUSION: "Pro",  # an argument node under the claim it concludes
    EdgeType.PREMISE: "Premise",
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _bold(text: str) -> str:
    """Text in bold, its own emphasis and code marks escaped so that the bold holds."""
    return "**" + re.sub(r"([\\*_`])", r"\\\1", text) + "**"


def _node_line(title: str | None, text: str) -> str:
    """A node as one line: its text, after its title in bold when it has one (just the bold
    title when the text says no more than the title)."""
    text = _one_line(text)
    if not title:
        return text
    title = _one_line(title)
    return _bold(title) if text == title else f"{_bold(title)} — {text}"


def write_outline(amap: ArgumentMap) -> str:
    reasons: dict[str, list] = defaultdict(list)  # node id -> [(stance, reason node id)]
    answers = set()
    for edge in amap.edges.values():
        stance = _STANCE.get(edge.type)
        if stance is None or edge.source not in amap.nodes:
            continue
        target = edge.target
        if target in amap.edges:  # an undercut of a link: listed under the link's target
            target = amap.edges[target].target
        if target not in amap.nodes:
            continue
        reasons[target].append((stance, edge.source))
        answers.add(edge.source)
    lines = [f"# {_one_line(amap.title)}" if amap.title else "# Argument map", ""]
    done: set[str] = set()

    def quote(node_id: str, indent: str) -> None:
        node = amap.nodes[node_id]
        excerpt = amap.excerpts.get(node.excerpt_id) if node.excerpt_id else None
        if excerpt is None:
            return
        document = amap.documents.get(excerpt.document_id)
        for text_line in excerpt.quote.splitlines() or [""]:
            lines.append(f"{indent}> {text_line}".rstrip())
        if document is not None:
            lines.append(f"{indent}>")
            lines.append(f"{indent}> — *{_one_line(document.title)}*")

    def bare_inference(node_id: str) -> bool:
        """An AIF RA/CA/MA node with no text of its own: its premises are listed in its place."""
        node = amap.nodes[node_id]
        return (str(node.kind) == "argument" and node.text.strip() in ("RA", "CA", "MA")
                and any(tag.startswith("aif:") for tag in node.tags))

    def walk(node_id: str, depth: int) -> None:
        stack = [(node_id, depth, None)]
        while stack:
            current, level, stance = stack.pop()
            if level > 0 and current not in done and bare_inference(current):
                done.add(current)
                for reason_stance, reason in reversed(reasons.get(current, [])):
                    stack.append((reason, level, stance if reason_stance == "Premise" else reason_stance))
                continue
            indent = "  " * level
            text = _node_line(amap.nodes[current].title, amap.nodes[current].text)
            prefix = f"**{stance}:** " if stance else ""
            if level == 0:
                lines.append(f"## {text}")
                lines.append("")
            elif current in done:
                lines.append(f"{'  ' * (level - 1)}- {prefix}{text} *(see above)*")
                continue
            else:
                lines.append(f"{'  ' * (level - 1)}- {prefix}{text}")
            done.add(current)
            quote(current, indent if level else "")
            if level == 0 and amap.nodes[current].excerpt_id:
                lines.append("")
            for reason_stance, reason in reversed(reasons.get(current, [])):
                stack.append((reason, level + 1, reason_stance))
        lines.append("")

    for node_id in amap.nodes:
        if node_id not in answers:
            walk(node_id, 0)
    for node_id in amap.nodes:  # cycles with no main claim
        if node_id not in done:
            walk(node_id, 0)
    return "\n".join(lines).rstrip("\n") + "\n"
