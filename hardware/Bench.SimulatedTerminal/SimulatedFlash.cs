using System.Text.Json;

namespace Bench.SimulatedTerminal;

/// <summary>
/// The terminal's flash: one JSON file per record in a directory. Each write goes to a temporary
/// file, is flushed to the disk, then renamed over the old file, so a power cut leaves either the
/// old or the new record, never half of one. Writes and power-down share one lock: a write that
/// started before the cut completes, none starts after it.
/// </summary>
internal sealed class SimulatedFlash
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly string directory;
    private readonly Lock gate = new();

    public SimulatedFlash(string directory)
    {
        this.directory = directory;
        Directory.CreateDirectory(directory);
    }

    public T? Read<T>(string name) where T : class
    {
        lock (gate)
        {
            var path = PathOf(name);
            if (!File.Exists(path)) return null;
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json);
        }
    }

    /// <summary>Writes the record; false (nothing written) when the session has lost power.</summary>
    public bool Write<T>(string name, T value, PowerSession session)
    {
        lock (gate)
        {
            if (!session.IsAlive) return false;
            var path = PathOf(name);
            var temporary = path + ".tmp";
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(file, value, Json);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
            return true;
        }
    }

    /// <summary>Deletes the record (a rename-free, atomic step); false when the session has lost power.</summary>
    public bool Delete(string name, PowerSession session)
    {
        lock (gate)
        {
            if (!session.IsAlive) return false;
            File.Delete(PathOf(name));
            return true;
        }
    }

    /// <summary>Marks the session dead once no write is in progress.</summary>
    public void PowerDown(PowerSession session)
    {
        lock (gate) session.MarkDead();
    }

    private string PathOf(string name) => Path.Combine(directory, name + ".json");
}
