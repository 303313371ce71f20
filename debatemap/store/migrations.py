"""Ordered schema migrations: the file's ``user_version`` is the number of migrations applied.

A migration is frozen once released: to change the schema, append one; never edit an old one.
"""

MIGRATIONS: list[tuple[str, str]] = [
    (
        "maps and their sources: nodes, edges, documents, candidates, excerpts",
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
        CREATE TABLE document (
            id TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL, format TEXT NOT NULL,
            encoding TEXT NOT NULL, origin TEXT NOT NULL DEFAULT '',
            sha256 TEXT NOT NULL DEFAULT '', metadata TEXT NOT NULL DEFAULT '{}',
            text TEXT NOT NULL, imported TEXT NOT NULL);
        CREATE TABLE candidate (
            id INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            CHECK (0 <= start AND start < "end"));
        CREATE INDEX ix_candidate_document_id ON candidate(document_id);
        CREATE TABLE excerpt (
            id TEXT PRIMARY KEY NOT NULL,
            document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, quote TEXT NOT NULL,
            before TEXT NOT NULL DEFAULT '', after TEXT NOT NULL DEFAULT '',
            CHECK (0 <= start AND start < "end"));
        CREATE INDEX ix_excerpt_document_id ON excerpt(document_id);
        CREATE TABLE node (
            id TEXT PRIMARY KEY NOT NULL, text TEXT NOT NULL CHECK (trim(text) <> ''),
            kind TEXT NOT NULL, x REAL NOT NULL DEFAULT 0, y REAL NOT NULL DEFAULT 0,
            pinned INTEGER NOT NULL DEFAULT 0, tags TEXT NOT NULL DEFAULT '[]', color TEXT,
            excerpt_id TEXT REFERENCES excerpt(id) ON DELETE SET NULL,
            created TEXT NOT NULL);
        CREATE INDEX ix_node_excerpt_id ON node(excerpt_id);
        CREATE TABLE edge (
            id TEXT PRIMARY KEY NOT NULL, type TEXT NOT NULL,
            source_node TEXT NOT NULL REFERENCES node(id) ON DELETE CASCADE,
            target_node TEXT REFERENCES node(id) ON DELETE CASCADE,
            target_edge TEXT REFERENCES edge(id) ON DELETE CASCADE,
            created TEXT NOT NULL,
            CHECK ((target_node IS NULL) <> (target_edge IS NULL)),
            CHECK (source_node IS NOT target_node));
        CREATE UNIQUE INDEX ux_edge_node_target ON edge(type, source_node, target_node)
            WHERE target_node IS NOT NULL;
        CREATE UNIQUE INDEX ux_edge_edge_target ON edge(type, source_node, target_edge)
            WHERE target_edge IS NOT NULL;
        CREATE INDEX ix_edge_source_node ON edge(source_node);
        CREATE INDEX ix_edge_target_node ON edge(target_node);
        CREATE INDEX ix_edge_target_edge ON edge(target_edge);
        """,
    ),
    (
        "people and history: participants, node authors, the event log",
        """
        CREATE TABLE participant (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, color TEXT);
        ALTER TABLE node ADD COLUMN author_id TEXT REFERENCES participant(id) ON DELETE SET NULL;
        CREATE INDEX ix_node_author_id ON node(author_id);
        CREATE TABLE event (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, kind TEXT NOT NULL,
            participant_id TEXT REFERENCES participant(id) ON DELETE SET NULL,
            payload TEXT NOT NULL DEFAULT '{}');
        """,
    ),
    (
        "document structure: the paragraphs of each imported document",
        """
        CREATE TABLE paragraph (
            id INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, kind TEXT NOT NULL,
            CHECK (0 <= start AND start <= "end"));
        CREATE INDEX ix_paragraph_document_id ON paragraph(document_id);
        """,
    ),
    (
        "re-anchoring: each excerpt's status after its document was re-imported (ok, moved, lost)",
        """
        ALTER TABLE excerpt ADD COLUMN status TEXT NOT NULL DEFAULT 'ok';
        """,
    ),
    (
        "evaluation: a node's manual mark (accept, reject, undecided; NULL means computed)",
        """
        ALTER TABLE node ADD COLUMN mark TEXT;
        """,
    ),
    (
        "titles: a node's optional short title (Argdown [Title] and <Title>)",
        """
        ALTER TABLE node ADD COLUMN title TEXT;
        """,
    ),
    (
        "workshops: votes, agenda items with timeboxes, the parking lot, the participants'"
        " order; who acted stays in the history when a participant is removed",
        """
        CREATE TABLE vote (
            id TEXT PRIMARY KEY NOT NULL,
            node_id TEXT NOT NULL REFERENCES node(id) ON DELETE CASCADE,
            participant_id TEXT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, value INTEGER NOT NULL, created TEXT NOT NULL,
            CHECK (kind IN ('dot', 'rating')));
        CREATE UNIQUE INDEX ux_vote_once ON vote(node_id, participant_id, kind);
        CREATE TABLE agenda_item (
            id TEXT PRIMARY KEY NOT NULL,
            node_id TEXT NOT NULL REFERENCES node(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL, timebox INTEGER NOT NULL DEFAULT 600,
            done INTEGER NOT NULL DEFAULT 0, spent REAL NOT NULL DEFAULT 0);
        CREATE UNIQUE INDEX ux_agenda_node ON agenda_item(node_id);
        CREATE TABLE parked_item (
            id TEXT PRIMARY KEY NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'idea',
            author_id TEXT REFERENCES participant(id) ON DELETE SET NULL,
            ordinal INTEGER NOT NULL, created TEXT NOT NULL);
        ALTER TABLE participant ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE event_v7 (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, kind TEXT NOT NULL,
            participant_id TEXT, payload TEXT NOT NULL DEFAULT '{}');
        INSERT INTO event_v7 (seq, at, kind, participant_id, payload)
            SELECT seq, at, kind, participant_id, payload FROM event ORDER BY seq;
        DROP TABLE event;
        ALTER TABLE event_v7 RENAME TO event;
        """,
    ),
]

SCHEMA_VERSION = len(MIGRATIONS)


def split_statements(script: str) -> list[str]:
    """The statements of a migration script (none of ours has a ';' inside a literal)."""
    return [s.strip() for s in script.split(";") if s.strip()]
