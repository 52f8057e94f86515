using System.Globalization;
using Bench.Codec;
using Microsoft.Data.Sqlite;

namespace Bench.Results;

/// <summary>
/// The SQLite results database (WAL mode). Runs, experiments, trials and events are committed as
/// each call returns; frames arrive in batches from a <see cref="FrameRecorder"/>. Thread-safe:
/// one connection, one lock, short transactions. Every text value written is masked for card
/// numbers (<see cref="StoredText"/>), whoever wrote it, and every frame body goes through
/// <see cref="CardDataMask"/> unless <see cref="ResultsStoreOptions.KeepRawFrames"/> is set, so no
/// card number, track or working key reaches the file (DESIGN.md §9).
/// </summary>
public sealed class ResultsStore : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Lock gate = new();
    private readonly SqliteCommand insertFrame;
    private readonly SqliteCommand insertEvent;
    private readonly ResultsStoreOptions options;
    private bool disposed;

    private ResultsStore(string path, SqliteConnection connection, ResultsStoreOptions options)
    {
        Path = path;
        this.connection = connection;
        this.options = options;
        insertFrame = Prepare("""
            INSERT INTO frames (run_id, timestamp_ns, connection_id, direction, mti, stan, body, summary, card_data_masked)
            VALUES ($run, $time, $connection, $direction, $mti, $stan, $body, $summary, $masked)
            """, "$run", "$time", "$connection", "$direction", "$mti", "$stan", "$body", "$summary", "$masked");
        insertEvent = Prepare("""
            INSERT INTO events (run_id, trial_id, timestamp_ns, source, kind, connection_id, detail)
            VALUES ($run, $trial, $time, $source, $kind, $connection, $detail)
            """, "$run", "$trial", "$time", "$source", "$kind", "$connection", "$detail");
    }

    public string Path { get; }

    /// <summary>Opens the database, creating the file and the schema when they do not exist and adding columns an older schema lacks.</summary>
    /// <exception cref="SqliteException">The file is not an SQLite database (error 26) or cannot be opened.</exception>
    public static ResultsStore Open(string path, ResultsStoreOptions? options = null)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Without pooling, disposing the store really closes the file (tests delete it; WAL is checkpointed).
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA foreign_keys = ON;
                PRAGMA busy_timeout = 5000;
                """);
            Execute(connection, ResultsSchema.Create);
            foreach (var (table, column, definition) in ResultsSchema.AddedColumns)
            {
                if (!HasColumn(connection, table, column)) Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} {definition};");
            }
            Execute(connection, $"PRAGMA user_version = {ResultsSchema.Version};");
            return new ResultsStore(path, connection, options ?? new ResultsStoreOptions());
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <param name="runKey">The run's unique id (<see cref="RunKeys.New"/>), as the run's other outputs name it.</param>
    /// <remarks>The start is taken twice, as wall time and on the monotonic timeline, so frame times map to wall time.</remarks>
    public long CreateRun(string name, string? detailsJson = null, string? runKey = null) => Insert(
        "INSERT INTO runs (name, started_utc, details_json, run_key, started_ns) VALUES ($name, $now, $details, $key, $monotonic) RETURNING id",
        ("$name", name), ("$now", UtcNow()), ("$details", detailsJson), ("$key", runKey), ("$monotonic", MonotonicTime.NowNanoseconds()));

    /// <summary>
    /// Ends every run that has no end yet as <c>interrupted</c> and returns them. Only call it while
    /// no run can be writing to this database (its output folder is locked), or live runs are ended too.
    /// </summary>
    public IReadOnlyList<StoredRun> MarkUnendedRunsInterrupted()
    {
        lock (gate)
        {
            ThrowIfDisposed();
            var unended = ReadRunsLocked("WHERE ended_utc IS NULL");
            using var command = WriteCommand("UPDATE runs SET ended_utc = $now, outcome = 'interrupted' WHERE ended_utc IS NULL", ("$now", UtcNow()));
            command.ExecuteNonQuery();
            return unended;
        }
    }

    public IReadOnlyList<StoredRun> ReadRuns()
    {
        lock (gate)
        {
            ThrowIfDisposed();
            return ReadRunsLocked("");
        }
    }

    private List<StoredRun> ReadRunsLocked(string where, SqliteTransaction? transaction = null)
    {
        using var command = Command($"SELECT id, run_key, name, started_utc, ended_utc, outcome, started_ns, details_json FROM runs {where} ORDER BY id");
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        var runs = new List<StoredRun>();
        while (reader.Read())
        {
            runs.Add(new StoredRun(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5))
            {
                StartedNanoseconds = reader.IsDBNull(6) ? null : reader.GetInt64(6),
                DetailsJson = reader.IsDBNull(7) ? null : reader.GetString(7),
            });
        }
        return runs;
    }

    public void EndRun(long runId, string outcome)
    {
        lock (gate)
        {
            using var command = WriteCommand("UPDATE runs SET ended_utc = $now, outcome = $outcome WHERE id = $id",
                ("$now", UtcNow()), ("$outcome", outcome), ("$id", runId));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Takes up an ended (interrupted, cancelled, failed) run again, as <c>bench run --resume</c> does: its end
    /// and outcome are cleared until <see cref="EndRun"/> ends it anew. Every other run with no end is marked
    /// interrupted and returned, as <see cref="MarkUnendedRunsInterrupted"/> does; same caveat: the folder must be locked.
    /// </summary>
    public IReadOnlyList<StoredRun> ReopenRun(long runId)
    {
        lock (gate)
        {
            ThrowIfDisposed();
            using var transaction = connection.BeginTransaction();
            using var select = Command("SELECT COUNT(*) FROM runs WHERE id = $id", ("$id", runId));
            select.Transaction = transaction;
            if ((long)select.ExecuteScalar()! == 0) throw new ArgumentOutOfRangeException(nameof(runId), runId, "no such run");
            var unended = ReadRunsLocked($"WHERE ended_utc IS NULL AND id <> {runId.ToString(CultureInfo.InvariantCulture)}", transaction);
            using var others = WriteCommand("UPDATE runs SET ended_utc = $now, outcome = 'interrupted' WHERE ended_utc IS NULL AND id <> $id", ("$now", UtcNow()), ("$id", runId));
            others.Transaction = transaction;
            others.ExecuteNonQuery();
            using var reopen = WriteCommand("UPDATE runs SET ended_utc = NULL, outcome = NULL WHERE id = $id", ("$id", runId));
            reopen.Transaction = transaction;
            reopen.ExecuteNonQuery();
            transaction.Commit();
            return unended;
        }
    }

    public long AddExperiment(long runId, string name, string? injectionKind = null, string? parameterName = null, string? detailsJson = null) => Insert(
        """
        INSERT INTO experiments (run_id, name, injection_kind, parameter_name, created_utc, details_json)
        VALUES ($run, $name, $kind, $parameter, $now, $details) RETURNING id
        """,
        ("$run", runId), ("$name", name), ("$kind", injectionKind), ("$parameter", parameterName), ("$now", UtcNow()), ("$details", detailsJson));

    /// <summary>Stores a finished trial at once, so a crash later loses nothing finished.</summary>
    public long RecordTrial(TrialRecord trial) => Insert(
        """
        INSERT INTO trials (run_id, experiment_id, trial_index, parameter_value, outcome, started_ns, ended_ns, recorded_utc, details_json)
        VALUES ($run, $experiment, $index, $parameter, $outcome, $started, $ended, $now, $details) RETURNING id
        """,
        ("$run", trial.RunId), ("$experiment", trial.ExperimentId), ("$index", trial.TrialIndex),
        ("$parameter", trial.ParameterValue), ("$outcome", trial.Outcome), ("$started", trial.StartedNanoseconds),
        ("$ended", trial.EndedNanoseconds), ("$now", UtcNow()), ("$details", trial.DetailsJson));

    /// <summary>Stores one event at once. For a stream of events use <see cref="FrameRecorder"/>, which batches.</summary>
    public void RecordEvent(EventRecord record, long? runId = null)
    {
        lock (gate)
        {
            ThrowIfDisposed();
            BindEvent(record, runId);
            insertEvent.ExecuteNonQuery();
        }
    }

    /// <summary>Writes a batch in one transaction: one commit, one WAL append.</summary>
    internal void WriteBatch(IReadOnlyList<FrameRecord> frames, IReadOnlyList<EventRecord> events, long? runId)
    {
        lock (gate)
        {
            ThrowIfDisposed();
            using var transaction = connection.BeginTransaction();
            insertFrame.Transaction = transaction;
            insertEvent.Transaction = transaction;
            try
            {
                foreach (var frame in frames)
                {
                    var parameters = insertFrame.Parameters;
                    parameters[0].Value = (object?)runId ?? DBNull.Value;
                    parameters[1].Value = frame.TimestampNanoseconds;
                    parameters[2].Value = StoredText.Masked(frame.ConnectionId);
                    parameters[3].Value = DirectionText(frame.Direction);
                    parameters[4].Value = StoredText.Parameter(frame.Message?.Mti);
                    parameters[5].Value = StoredText.Parameter(frame.Message?.Stan);
                    var body = options.KeepRawFrames ? new MaskedBody(frame.Body, false) : CardDataMask.Mask(frame.Body);
                    parameters[6].Value = body.Body;
                    // Masked by FrameSummary field by field; masking it again would hide the merchant id and field 61.
                    parameters[7].Value = FrameSummary.Describe(frame);
                    parameters[8].Value = body.Masked ? 1 : 0;
                    insertFrame.ExecuteNonQuery();
                }
                foreach (var record in events)
                {
                    BindEvent(record, runId);
                    insertEvent.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            finally
            {
                insertFrame.Transaction = null;
                insertEvent.Transaction = null;
            }
        }
    }

    public IReadOnlyList<StoredExperiment> ReadExperiments(long runId)
    {
        lock (gate)
        {
            using var command = Command(
                "SELECT id, run_id, name, injection_kind, details_json FROM experiments WHERE run_id = $run ORDER BY id", ("$run", runId));
            using var reader = command.ExecuteReader();
            var experiments = new List<StoredExperiment>();
            while (reader.Read())
            {
                experiments.Add(new StoredExperiment(
                    reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
            return experiments;
        }
    }

    /// <summary>The run's trials in the order they ended, each with its experiment's name.</summary>
    public IReadOnlyList<StoredTrial> ReadTrials(long runId)
    {
        lock (gate)
        {
            using var command = Command(
                "SELECT t.id, t.experiment_id, e.name, t.trial_index, t.parameter_value, t.outcome, t.started_ns, t.ended_ns, t.details_json " +
                "FROM trials t JOIN experiments e ON e.id = t.experiment_id WHERE t.run_id = $run ORDER BY t.id", ("$run", runId));
            using var reader = command.ExecuteReader();
            var trials = new List<StoredTrial>();
            while (reader.Read())
            {
                trials.Add(new StoredTrial(
                    reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.GetString(5), reader.GetInt64(6), reader.GetInt64(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8)));
            }
            return trials;
        }
    }

    public IReadOnlyList<StoredFrame> ReadFrames(long? runId = null)
    {
        lock (gate)
        {
            using var command = Command(
                "SELECT id, run_id, timestamp_ns, connection_id, direction, mti, stan, body, summary, card_data_masked FROM frames " +
                "WHERE $run IS NULL OR run_id = $run ORDER BY timestamp_ns, id", ("$run", runId));
            using var reader = command.ExecuteReader();
            var frames = new List<StoredFrame>();
            while (reader.Read())
            {
                frames.Add(new StoredFrame(
                    reader.GetInt64(0),
                    reader.IsDBNull(1) ? null : reader.GetInt64(1),
                    reader.GetInt64(2),
                    reader.GetString(3),
                    reader.GetString(4) == "sent" ? FrameDirection.Sent : FrameDirection.Received,
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    (byte[])reader.GetValue(7),
                    reader.GetString(8),
                    reader.GetInt64(9) != 0));
            }
            return frames;
        }
    }

    public IReadOnlyList<StoredEvent> ReadEvents(long? runId = null, string? kind = null)
    {
        lock (gate)
        {
            using var command = Command(
                "SELECT id, run_id, trial_id, timestamp_ns, source, kind, connection_id, detail FROM events " +
                "WHERE ($run IS NULL OR run_id = $run) AND ($kind IS NULL OR kind = $kind) ORDER BY timestamp_ns, id",
                ("$run", runId), ("$kind", kind));
            using var reader = command.ExecuteReader();
            var events = new List<StoredEvent>();
            while (reader.Read())
            {
                events.Add(new StoredEvent(
                    reader.GetInt64(0),
                    reader.IsDBNull(1) ? null : reader.GetInt64(1),
                    reader.IsDBNull(2) ? null : reader.GetInt64(2),
                    reader.GetInt64(3),
                    reader.GetString(4),
                    reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetString(7)));
            }
            return events;
        }
    }

    /// <summary>
    /// Keeps a whole JSON document of the run under <paramref name="name"/> (see <see cref="RunDocumentNames"/>),
    /// replacing one saved before under that name, so every output can be rebuilt from this file alone. Card
    /// numbers in its strings are masked (<see cref="StoredJson"/>); its numbers and layout are kept.
    /// </summary>
    public void SaveDocument(long runId, string name, string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(json);
        lock (gate)
        {
            ThrowIfDisposed();
            // Command, not WriteCommand: the document is masked string by string, its numbers untouched.
            using var command = Command(
                "INSERT INTO run_documents (run_id, name, json, saved_utc) VALUES ($run, $name, $json, $now) " +
                "ON CONFLICT (run_id, name) DO UPDATE SET json = excluded.json, saved_utc = excluded.saved_utc",
                ("$run", runId), ("$name", StoredText.Masked(name)), ("$json", StoredJson.Masked(json)), ("$now", UtcNow()));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The document saved under <paramref name="name"/> for the run, or null when there is none.</summary>
    public string? ReadDocument(long runId, string name)
    {
        lock (gate)
        {
            ThrowIfDisposed();
            using var command = Command("SELECT json FROM run_documents WHERE run_id = $run AND name = $name", ("$run", runId), ("$name", name));
            return command.ExecuteScalar() as string;
        }
    }

    /// <summary>The run's details as <see cref="CreateRun"/> stored them (JSON), or null.</summary>
    public string? ReadRunDetails(long runId)
    {
        lock (gate)
        {
            ThrowIfDisposed();
            using var command = Command("SELECT details_json FROM runs WHERE id = $run", ("$run", runId));
            return command.ExecuteScalar() as string;
        }
    }

    /// <summary>Every text value in every table, for audits such as "no unmasked card number anywhere".</summary>
    public IEnumerable<(string Table, string Column, string Value)> AllTextValues()
    {
        var results = new List<(string, string, string)>();
        lock (gate)
        {
            var tables = new List<string>();
            using (var list = Command("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
            using (var reader = list.ExecuteReader())
                while (reader.Read()) tables.Add(reader.GetString(0));
            foreach (var table in tables)
            {
                using var select = Command($"SELECT * FROM \"{table}\"");
                using var reader = select.ExecuteReader();
                while (reader.Read())
                    for (var i = 0; i < reader.FieldCount; i++)
                        if (!reader.IsDBNull(i) && reader.GetFieldType(i) == typeof(string))
                            results.Add((table, reader.GetName(i), reader.GetString(i)));
            }
        }
        return results;
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            insertFrame.Dispose();
            insertEvent.Dispose();
            connection.Dispose();
        }
    }

    private void BindEvent(EventRecord record, long? runId)
    {
        var parameters = insertEvent.Parameters;
        parameters[0].Value = (object?)(record.RunId ?? runId) ?? DBNull.Value;
        parameters[1].Value = (object?)record.TrialId ?? DBNull.Value;
        parameters[2].Value = record.TimestampNanoseconds;
        parameters[3].Value = StoredText.Masked(record.Source);
        parameters[4].Value = StoredText.Masked(record.Kind);
        parameters[5].Value = StoredText.Parameter(record.ConnectionId);
        parameters[6].Value = StoredText.Masked(record.Detail);
    }

    private long Insert(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (gate)
        {
            ThrowIfDisposed();
            using var command = WriteCommand(sql, parameters);
            return (long)command.ExecuteScalar()!;
        }
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>A command that writes: its text values are masked. Queries use <see cref="Command"/>, whose parameters are search terms.</summary>
    private SqliteCommand WriteCommand(string sql, params (string Name, object? Value)[] parameters) =>
        Command(sql, [.. parameters.Select(parameter => parameter.Value is string text ? (parameter.Name, (object?)StoredText.Masked(text)) : parameter)]);

    private SqliteCommand Prepare(string sql, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static bool HasColumn(SqliteConnection connection, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $column";
        command.Parameters.AddWithValue("$column", column);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static string DirectionText(FrameDirection direction) => direction == FrameDirection.Sent ? "sent" : "received";

    private static string UtcNow() => DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
