"""The `debatemap` command: the GUI with no subcommand, else the headless commands of DESIGN.md."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

from debatemap import __version__
from debatemap.core.errors import DebatemapError
from debatemap.core.model import EdgeType, NodeKind

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
LINK_TYPES = (EdgeType.SUPPORT, EdgeType.ATTACK, EdgeType.UNDERCUT)


class CommandError(DebatemapError):
    """A failure of one command, reported as ``debatemap: error: <file>: <reason>``."""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = _parser()
    if not argv or (argv[0] not in _COMMANDS and not argv[0].startswith("-")):
        if len(argv) > 1:
            parser.error(f"unknown command {argv[0]!r}")
        from debatemap.app.startup import run_gui  # Qt is loaded only for the GUI

        return run_gui(Path(argv[0]) if argv else None)
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except DebatemapError as error:
        return _fail(str(error))
    except BrokenPipeError:  # e.g. `debatemap show MAP | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: still one line, the traceback on request
        if os.environ.get("DEBATEMAP_DEBUG"):
            raise
        where = getattr(args, "map", None)
        prefix = f"{where}: " if where else ""
        return _fail(
            f"{prefix}internal error: {type(error).__name__}: {error}"
            " (set DEBATEMAP_DEBUG=1 for details)"
        )


def _fail(message: str) -> int:
    print(f"debatemap: error: {message}", file=sys.stderr)
    return EXIT_ERROR


# ---- commands ------------------------------------------------------------------------------


def cmd_new(args) -> int:
    from debatemap.store.session import MapSession

    with MapSession.create(args.map, args.title):
        pass
    print(f"created {args.map}")
    return EXIT_OK


def cmd_add(args) -> int:
    source = _parse_source(args.map, args.source) if args.source else None
    with _open(args.map) as session:
        node = _in_map(args.map, lambda: session.add_node(args.text, args.kind, source=source))
    _emit_id(node.id, args.json)
    return EXIT_OK


def cmd_link(args) -> int:
    with _open(args.map) as session:
        edge = _in_map(args.map, lambda: session.add_edge(args.source, args.target, args.type))
    _emit_id(edge.id, args.json)
    return EXIT_OK


def cmd_import(args) -> int:
    from debatemap.ingest import ingest_file
    from debatemap.store.imports import DocumentImport
    from debatemap.store.views import document_summaries

    with _open(args.map) as session:  # a bad map fails here, before any document is read
        imports, failures, duplicates = [], [], []
        seen: dict[str, Path] = {}
        for path in args.documents:
            try:
                item = DocumentImport.from_ingested(ingest_file(path), path)
            except DebatemapError as error:
                failures.append((path, str(error)))
                continue
            existing = session.find_document_by_content(item.document.sha256)
            if existing is not None or item.document.sha256 in seen:
                twin = existing.id if existing else str(seen[item.document.sha256])
                duplicates.append((path, f"{path}: the same content is already imported ({twin})"))
                continue
            seen[item.document.sha256] = path
            imports.append(item)
        if failures and not args.skip_bad:
            for _path, message in failures:
                print(f"debatemap: error: {message}", file=sys.stderr)
            print(f"debatemap: error: {args.map}: nothing imported ({len(failures)} of"
                  f" {len(args.documents)} files could not be read; --skip-bad imports the rest)",
                  file=sys.stderr)
            return EXIT_ERROR
        if imports:
            _in_map(args.map, lambda: session.import_documents(imports))
        imported_ids = {item.document.id for item in imports}
        summaries = [d for d in document_summaries(session) if d["id"] in imported_ids]
    skipped = [{"file": str(p), "reason": m} for p, m in failures + duplicates]
    for entry in skipped:
        print(f"debatemap: skipped {entry['reason']}", file=sys.stderr)
    if args.json:
        _print_json({"documents": summaries, "skipped": skipped})
    else:
        for d in summaries:
            print(f"{d['id']}  {d['format']:<5} {d['encoding']:<14} {d['characters']:>8} chars"
                  f" {d['candidates']:>5} candidates  {d['title']}")
    if failures and not imports:
        print(f"debatemap: error: {args.map}: no document could be imported", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def cmd_candidates(args) -> int:
    with _open(args.map, readonly=True) as session:
        if args.document is not None and args.document not in session.map.documents:
            raise CommandError(f"{args.map}: no document {args.document!r} in this map")
        texts = {d.id: d.text for d in session.map.documents.values()}
        found = [
            {"document": document_id, "start": start, "end": end,
             "text": texts[document_id][start:end]}
            for document_id, start, end in session.repository.candidates(args.document)
        ]
    if args.json:
        _print_json({"candidates": found})
        return EXIT_OK
    for c in found:
        print(f"{c['document']}:{c['start']}:{c['end']}  {_one_line(c['text'])}")
    return EXIT_OK


def cmd_show(args) -> int:
    from debatemap.store.views import map_summary

    with _open(args.map, readonly=True) as session:
        summary = map_summary(session)
        titles = {node.id: node.title for node in session.map.nodes.values()}
    summary["nodes"] = [_with_title(node, titles.get(node["id"])) for node in summary["nodes"]]
    if args.json:
        _print_json(summary)
        return EXIT_OK
    print(f"{summary['title']}: {len(summary['nodes'])} nodes, {len(summary['edges'])} links,"
          f" {len(summary['documents'])} documents")
    for node in summary["nodes"]:
        source = node["source"]
        where = f"  [{source['document']}:{source['start']}:{source['end']}]" if source else ""
        title = f"{node['title']}: " if node["title"] else ""
        print(f"{node['id']}  {node['kind']:<9}  {title}{_one_line(node['text'])}{where}")
    for edge in summary["edges"]:
        print(f"{edge['id']}  {edge['from']} --{edge['type']}--> {edge['to']}")
    return EXIT_OK


def _with_title(node: dict[str, Any], title: str | None) -> dict[str, Any]:
    """A node of ``show --json`` with its "title" (None when untitled) right after its text."""
    keys = list(node)
    at = keys.index("text") + 1
    return {**{k: node[k] for k in keys[:at]}, "title": title, **{k: node[k] for k in keys[at:]}}


def cmd_documents(args) -> int:
    from debatemap.store.views import document_summaries

    with _open(args.map, readonly=True) as session:
        documents = document_summaries(session)
    if args.json:
        _print_json({"documents": documents})
        return EXIT_OK
    if not documents:
        print("no documents")
    for d in documents:
        print(f"{d['id']}  {d['format']:<5} {d['encoding']:<12} {d['characters']:>8} chars"
              f" {d['candidates']:>5} candidates  {d['title']}")
    return EXIT_OK


def cmd_text(args) -> int:
    with _open(args.map, readonly=True) as session:
        document = session.map.documents.get(args.document)
        if document is None:
            raise CommandError(f"{args.map}: no document {args.document!r} in this map")
    sys.stdout.flush()
    sys.stdout.buffer.write(document.text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return EXIT_OK


def cmd_evaluate(args) -> int:
    from debatemap.core.evaluation import evaluate

    with _open(args.map, readonly=True) as session:
        evaluation = _in_map(args.map, lambda: evaluate(session.map, args.semantics))
        texts = {n.id: n.text for n in session.map.nodes.values()}
    if args.json:
        _print_json(evaluation.to_json())
        return EXIT_OK
    counts = evaluation.counts()
    print(f"{args.semantics}: {counts['in']} in, {counts['out']} out,"
          f" {counts['undecided']} undecided")
    for node_id, label in sorted(evaluation.labels.items(), key=lambda i: (i[1], texts[i[0]])):
        manual = " (marked)" if node_id in evaluation.manual else ""
        print(f"{label:<9} {node_id}  {_one_line(texts[node_id], 90)}{manual}")
    for number, extension in enumerate(evaluation.extensions, 1):
        print(f"preferred extension {number}: {' '.join(extension) or '(empty)'}")
    return EXIT_OK


def cmd_layout(args) -> int:
    from debatemap.core.layout import layout

    with _open(args.map) as session:
        positions = layout(session.map, move_all=args.all, direction=args.direction)
        moving = {
            node_id: {"x": x, "y": y}
            for node_id, (x, y) in positions.items()
            if (session.map.nodes[node_id].x, session.map.nodes[node_id].y) != (x, y)
        }
        if moving:
            _in_map(args.map, lambda: session.update_nodes(moving, action="layout"))
        pinned = sum(1 for n in session.map.nodes.values() if n.pinned)
    kept = "" if args.all else f", {pinned} pinned kept in place"
    print(f"{args.map}: placed {len(moving)} of {len(positions)} nodes{kept}")
    return EXIT_OK


IMAGE_SUFFIXES = (".png", ".svg", ".pdf")


def cmd_export(args) -> int:
    from debatemap.interchange.registry import TEXT_WRITERS, write_text_atomically, writer_for

    out = args.out
    suffix = out.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        with _open(args.map, readonly=True) as session:  # read-only: the map stays as it is
            result = _render_image(session, out)
        print(f"wrote {out}: {result.width:.0f} x {result.height:.0f}"
              + (f" ({result.note})" if result.note else ""))
        return EXIT_OK
    writer = writer_for(out)
    if writer is None:
        known = " ".join(IMAGE_SUFFIXES + tuple(TEXT_WRITERS))
        raise CommandError(f"{out}: unknown export format (by suffix: {known})")
    with _open(args.map, readonly=True) as session:
        text = writer(session.map)
    write_text_atomically(out, text)
    print(f"wrote {out}")
    return EXIT_OK


def _render_image(session, out: Path):
    """Draw the map with the canvas's own items, offscreen: no window, no display needed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from debatemap.canvas.export import render_document
    from debatemap.document import MapDocument

    app = QApplication.instance() or QApplication(["debatemap"])  # noqa: F841 (kept alive)
    document = MapDocument(session)
    return render_document(document, out)


def cmd_convert(args) -> int:
    from debatemap.interchange.registry import read_map, write_text_atomically, writer_for
    from debatemap.store.mapfile import SUFFIX

    source, target = args.source, args.target
    if target.exists() and target.resolve() == source.resolve():
        raise CommandError(f"{target}: is the file being converted; choose another name")
    if source.name.lower().endswith(SUFFIX):
        with _open(source, readonly=True) as session:
            amap = session.map
    else:
        amap = read_map(source)
    if target.name.lower().endswith(SUFFIX):
        from debatemap.store.session import MapSession

        with MapSession.create_from(target, amap):
            pass
    else:
        writer = writer_for(target)
        if writer is None:
            raise CommandError(f"{target}: unknown map format (by suffix: .debatemap .argdown"
                               " .aif.json .kialo.txt .graphml .md)")
        write_text_atomically(target, writer(amap))
    print(f"converted {source} -> {target}: {len(amap.nodes)} nodes, {len(amap.edges)} links")
    return EXIT_OK


def cmd_check(args) -> int:
    with _open(args.map, readonly=True, strict=False) as session:
        problems = (session.repository.sqlite_problems() + session.map.problems()
                    + session.workshop.problems())
        counts = {"nodes": len(session.map.nodes), "edges": len(session.map.edges),
                  "documents": len(session.map.documents)}
    if args.json:
        _print_json({"ok": not problems, "problems": problems, **counts})
    elif problems:
        for problem in problems:
            print(problem)
    else:
        print(f"{args.map}: intact ({counts['nodes']} nodes, {counts['edges']} links,"
              f" {counts['documents']} documents)")
    if problems:
        print(f"debatemap: error: {args.map}: {len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


# ---- helpers -------------------------------------------------------------------------------


def _open(path: Path, *, readonly: bool = False, strict: bool = True):
    from debatemap.store.session import MapSession

    return MapSession.open(path, readonly=readonly, strict=strict)


def _in_map(path: Path, action: Callable[[], Any]) -> Any:
    """Run an edit, naming the map file in any domain error."""
    try:
        return action()
    except DebatemapError as error:
        if str(error).startswith(f"{path}:"):
            raise
        raise CommandError(f"{path}: {error}") from None


def _parse_source(path: Path, value: str) -> tuple[str, int, int]:
    try:
        document, start, end = value.rsplit(":", 2)
        return document, int(start), int(end)
    except ValueError:
        raise CommandError(
            f"{path}: --from needs DOC_ID:START:END with whole numbers, not {value!r}"
        ) from None


def _emit_id(new_id: str, as_json: bool) -> None:
    if as_json:
        _print_json({"id": new_id})
    else:
        print(new_id)


def _print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _one_line(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


_COMMANDS = {
    "new": cmd_new,
    "import": cmd_import,
    "candidates": cmd_candidates,
    "add": cmd_add,
    "link": cmd_link,
    "show": cmd_show,
    "documents": cmd_documents,
    "text": cmd_text,
    "check": cmd_check,
    "evaluate": cmd_evaluate,
    "layout": cmd_layout,
    "export": cmd_export,
    "convert": cmd_convert,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="debatemap",
        description="Argument maps from real documents. With no command, or only a MAP file,"
        " the application window opens.",
        epilog="GUI: debatemap [MAP]",
    )
    parser.add_argument("--version", action="version", version=f"debatemap {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, help_text: str, *, json_flag: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=_COMMANDS[name])
        p.add_argument("map", type=Path, metavar="MAP", help="a .debatemap file")
        if json_flag:
            p.add_argument("--json", action="store_true", help="print one JSON document")
        return p

    p = command("new", "create an empty map", json_flag=False)
    p.add_argument("--title", help="the map's title (default: the file name)")
    p = command("import", "add documents (txt md html pdf docx, any encoding)")
    p.add_argument("documents", nargs="+", type=Path, metavar="DOC")
    p.add_argument("--skip-bad", action="store_true",
                   help="import the readable documents and list the others as skipped")
    p = command("candidates", "list candidate claims with their offsets")
    p.add_argument("--document", metavar="ID", help="only this document's candidates")
    p = command("add", "add a claim; prints the new node id")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--kind", choices=[k.value for k in NodeKind], default=NodeKind.CLAIM.value)
    p.add_argument("--from", dest="source", metavar="DOC_ID:START:END",
                   help="the passage of an imported document the claim is taken from")
    p = command("link", "link two nodes; prints the new edge id")
    p.add_argument("source", metavar="FROM_ID")
    p.add_argument("target", metavar="TO_ID", help="a node, or for --as undercut also a link id")
    p.add_argument("--as", dest="type", required=True, choices=[t.value for t in LINK_TYPES])
    command("show", "print the whole map")
    command("documents", "list the imported documents")
    p = command("text", "print a document's stored normalised text, UTF-8, exactly", json_flag=False)
    p.add_argument("document", metavar="DOC_ID")
    command("check", "check the file's integrity; exit 0 when intact")
    p = command("evaluate", "which claims stand: in, out or undecided")
    p.add_argument("--semantics", choices=("grounded", "preferred"), default="grounded")
    p = command("export", "write the map as .png .svg .pdf .argdown .aif.json .graphml .md"
                " .kialo.txt (by OUT's suffix)", json_flag=False)
    p.add_argument("out", type=Path, metavar="OUT")
    p = sub.add_parser("convert", help="convert between map formats, .debatemap included",
                       description="convert between map formats, .debatemap included")
    p.set_defaults(handler=cmd_convert)
    p.add_argument("source", type=Path, metavar="IN")
    p.add_argument("target", type=Path, metavar="OUT")
    p = command("layout", "place the unpinned nodes (--all: every node)", json_flag=False)
    p.add_argument("--all", action="store_true", help="also move pinned nodes")
    p.add_argument("--direction", choices=("TB", "LR"), default="TB",
                   help="main claims at the top (TB, default) or at the left (LR)")
    return parser
