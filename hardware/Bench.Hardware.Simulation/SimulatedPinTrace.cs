using System.Device.Gpio;
using System.Globalization;
using System.Text;

namespace Bench.Hardware.Simulation;

/// <summary>
/// A logic analyser on the simulated header: appends every change a <see cref="SimulatedGpioDriver"/> announces to a
/// text file, one line per change, flushed as it happens, so another process (a test, an engineer with
/// <c>tail -f</c>) sees what the pins did even if the bench is killed the next moment. The kernel's gpio-sim offers
/// the same view of a simulated chip in sysfs. Several rigs may share one file: each line names its rig.
/// </summary>
/// <remarks>
/// Line format (space separated): UTC time (ISO 8601), rig name, pin number, <c>output</c> or <c>input</c>,
/// <c>high</c> or <c>low</c>. A pin the controller released shows as an input. The trace owns its file handle; the
/// driver is not owned.
/// </remarks>
public sealed class SimulatedPinTrace : IDisposable
{
    private readonly SimulatedGpioDriver driver;
    private readonly string rigName;
    private readonly FileStream file;
    private readonly Lock writing = new();
    private bool disposed;

    /// <summary>Starts tracing <paramref name="driver"/> into <paramref name="path"/> (appended to, created if missing).</summary>
    /// <exception cref="IOException">The file cannot be opened for appending.</exception>
    public SimulatedPinTrace(SimulatedGpioDriver driver, string rigName, string path)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentException.ThrowIfNullOrWhiteSpace(rigName);
        this.driver = driver;
        // The name is one field of the line.
        this.rigName = string.Concat(rigName.Select(c => char.IsWhiteSpace(c) ? '_' : c));
        file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        driver.PinChanged += OnPinChanged;
    }

    /// <summary>Reads a trace file back, in file order.</summary>
    /// <exception cref="FormatException">A line is not a trace line; the message names its line number.</exception>
    public static IReadOnlyList<TracedPinChange> Read(string path)
    {
        var changes = new List<TracedPinChange>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0) continue;
            var fields = line.Split(' ');
            if (fields.Length != 5
                || !DateTimeOffset.TryParse(fields[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
                || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var pin)
                || fields[3] is not ("output" or "input")
                || fields[4] is not ("high" or "low"))
            {
                throw new FormatException($"{path}:{number}: not a pin trace line (time rig pin output|input high|low): '{line}'");
            }
            changes.Add(new TracedPinChange(time, fields[1], pin, fields[3] == "output", fields[4] == "high" ? PinValue.High : PinValue.Low));
        }
        return changes;
    }

    /// <summary>Stops tracing and closes the file.</summary>
    public void Dispose()
    {
        driver.PinChanged -= OnPinChanged;
        lock (writing)
        {
            if (disposed) return;
            disposed = true;
            file.Dispose();
        }
    }

    private void OnPinChanged(object? sender, SimulatedPinChange change)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTimeOffset.UtcNow:O} {rigName} {change.PinNumber} {(change.IsDrivenByController ? "output" : "input")} {(change.Value == PinValue.High ? "high" : "low")}\n");
        var bytes = Encoding.ASCII.GetBytes(line);
        lock (writing)
        {
            if (disposed) return;
            // One write per line on an append-mode file: lines of rigs sharing the file do not interleave.
            file.Write(bytes);
            file.Flush();
        }
    }
}
