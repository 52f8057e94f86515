namespace Bench.Results;

/// <summary>
/// The results database layout (DESIGN.md §9). Times on the bench's timeline are nanoseconds of
/// <see cref="MonotonicTime"/> (<c>*_ns</c>); wall-clock times are ISO 8601 UTC text (<c>*_utc</c>).
/// Trials and events are written as they happen, frames in batches, so a crash loses little.
/// </summary>
internal static class ResultsSchema
{
    public const int Version = 4;

    /// <summary>Columns added since version 1, each added to an older database when it is opened.</summary>
    public static readonly IReadOnlyList<(string Table, string Column, string Definition)> AddedColumns =
    [
        // The run's unique id (sortable time plus a random part), as summary.json names it.
        ("runs", "run_key", "TEXT"),
        // 1 when the stored body is not the bytes on the wire: the card digits (or a sign-on reply's working keys) were zeroed (CardDataMask).
        ("frames", "card_data_masked", "INTEGER NOT NULL DEFAULT 0"),
        // The run's start on the monotonic timeline, taken with started_utc: maps frame times to wall time (capture.pcap).
        ("runs", "started_ns", "INTEGER"),
    ];

    public const string Create = """
        CREATE TABLE IF NOT EXISTS runs (
            id            INTEGER PRIMARY KEY,
            name          TEXT NOT NULL,
            started_utc   TEXT NOT NULL,
            ended_utc     TEXT,
            outcome       TEXT,
            details_json  TEXT,
            run_key       TEXT,
            started_ns    INTEGER
        );
        CREATE TABLE IF NOT EXISTS experiments (
            id              INTEGER PRIMARY KEY,
            run_id          INTEGER NOT NULL REFERENCES runs(id),
            name            TEXT NOT NULL,
            injection_kind  TEXT,
            parameter_name  TEXT,
            created_utc     TEXT NOT NULL,
            details_json    TEXT
        );
        CREATE TABLE IF NOT EXISTS trials (
            id               INTEGER PRIMARY KEY,
            run_id           INTEGER NOT NULL REFERENCES runs(id),
            experiment_id    INTEGER NOT NULL REFERENCES experiments(id),
            trial_index      INTEGER NOT NULL,
            parameter_value  REAL,
            outcome          TEXT NOT NULL,
            started_ns       INTEGER NOT NULL,
            ended_ns         INTEGER NOT NULL,
            recorded_utc     TEXT NOT NULL,
            details_json     TEXT
        );
        CREATE INDEX IF NOT EXISTS trials_by_experiment ON trials(experiment_id, trial_index);
        CREATE TABLE IF NOT EXISTS events (
            id             INTEGER PRIMARY KEY,
            run_id         INTEGER REFERENCES runs(id),
            trial_id       INTEGER,
            timestamp_ns   INTEGER NOT NULL,
            source         TEXT NOT NULL,
            kind           TEXT NOT NULL,
            connection_id  TEXT,
            detail         TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS events_by_time ON events(run_id, timestamp_ns);
        CREATE TABLE IF NOT EXISTS frames (
            id             INTEGER PRIMARY KEY,
            run_id         INTEGER REFERENCES runs(id),
            timestamp_ns   INTEGER NOT NULL,
            connection_id  TEXT NOT NULL,
            direction      TEXT NOT NULL CHECK (direction IN ('received', 'sent')),
            mti            TEXT,
            stan           TEXT,
            body           BLOB NOT NULL,
            summary        TEXT NOT NULL,
            card_data_masked INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS frames_by_time ON frames(run_id, timestamp_ns);
        -- Since version 4: whole JSON documents of a run (summary, checker), so the report stage needs only this file.
        CREATE TABLE IF NOT EXISTS run_documents (
            run_id       INTEGER NOT NULL REFERENCES runs(id),
            name         TEXT NOT NULL,
            json         TEXT NOT NULL,
            saved_utc    TEXT NOT NULL,
            PRIMARY KEY (run_id, name)
        );
        """;
}
