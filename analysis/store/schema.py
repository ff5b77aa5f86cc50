"""The database schema, one migration per version (`PRAGMA user_version` counts them)."""

MIGRATIONS = [
    # 1: collections, articles, saved lexicons
    """
    CREATE TABLE collections (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created TEXT NOT NULL
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        outlet TEXT,
        author TEXT,
        published TEXT,
        url TEXT,
        source_file TEXT,
        content_hash TEXT NOT NULL UNIQUE,
        added TEXT NOT NULL,
        UNIQUE (collection_id, article_id)
    );
    CREATE TABLE lexicons (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        toml TEXT NOT NULL,
        saved TEXT NOT NULL,
        UNIQUE (name, version)
    );
    """,
    # 2: cached scores by content hash and lexicon version
    """
    CREATE TABLE scores (
        content_hash TEXT NOT NULL,
        scorer_key TEXT NOT NULL,
        payload BLOB NOT NULL,
        PRIMARY KEY (content_hash, scorer_key)
    );
    """,
    # 3: cached scores as JSON text, never pickles (a pickle in the file would run code when read)
    """
    DROP TABLE scores;
    CREATE TABLE scores (
        content_hash TEXT NOT NULL,
        scorer_key TEXT NOT NULL,
        payload TEXT NOT NULL,
        PRIMARY KEY (content_hash, scorer_key)
    );
    """,
    # 4: any other stated fields of an article (a CSV's `lean` column), as a JSON object
    """
    ALTER TABLE articles ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}';
    """,
    # 5: deleted articles wait in a trash until restored or the trash is emptied
    """
    CREATE TABLE trash (
        id INTEGER PRIMARY KEY,
        collection TEXT NOT NULL,
        article_id TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        outlet TEXT,
        author TEXT,
        published TEXT,
        url TEXT,
        source_file TEXT,
        metadata TEXT NOT NULL DEFAULT '{}',
        deleted TEXT NOT NULL
    );
    """,
    # 6: a coder's codes of a validation sample, per collection, lexicon version and kind of item
    """
    CREATE TABLE codes (
        id INTEGER PRIMARY KEY,
        collection TEXT NOT NULL,
        lexicon TEXT NOT NULL,
        what TEXT NOT NULL,
        coder TEXT NOT NULL,
        article_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        grp TEXT NOT NULL,
        text TEXT NOT NULL,
        context TEXT NOT NULL,
        voice TEXT NOT NULL,
        stratum_size INTEGER NOT NULL,
        correct INTEGER,
        position INTEGER NOT NULL,
        saved TEXT NOT NULL,
        UNIQUE (collection, lexicon, what, coder, article_id, start, end, grp)
    );
    """,
    # 7: a coder may also judge the voice the tool gave an item (own words or quotation)
    "ALTER TABLE codes ADD COLUMN voice_correct INTEGER;",
    # 8: which cached scores were read from a results file instead of computed here (shown on the
    # pages, and scored again on request)
    """
    CREATE TABLE score_origins (
        content_hash TEXT NOT NULL,
        scorer_key TEXT NOT NULL,
        source TEXT NOT NULL,
        read TEXT NOT NULL,
        PRIMARY KEY (content_hash, scorer_key)
    );
    """,
]
