using System.CommandLine;
using Bench.Campaigns.Fixtures;
using Bench.Fixtures;
using Bench.Hardware;
using Bench.Hardware.Simulation;

namespace Bench.Cli.Commands;

/// <summary>
/// <c>bench rig check RIGFILE</c>: toggles every channel of the rig and reads back what can be read (see
/// <see cref="RigCheck"/>), printing one row per step. Exit 0 when every step passed, 3 on a rig fault, 2 on a bad
/// rig file. A rig file naming the <c>Simulated</c> GPIO driver is checked against the simulated rig.
/// </summary>
public static class RigCheckCommand
{
    public static Command Create()
    {
        var rigFile = new Argument<FileInfo>("RIGFILE") { Description = "Rig definition YAML (see fixtures/rigs/)" };
        var ecr = new Option<string?>("--ecr") { Description = "The terminal's ECR serial device to open, e.g. /dev/ttyUSB0" };
        var console = new Option<string?>("--console") { Description = "The terminal's console serial device to open" };
        var baud = new Option<int>("--baud") { Description = "Line speed to open the serial devices at", DefaultValueFactory = _ => 115_200 };
        var check = new Command("check", "Toggle every rig channel, read back what can be read, print a table") { rigFile, ecr, console, baud };
        check.SetAction((ParseResult result, CancellationToken cancellationToken) =>
        {
            List<SerialDeviceCheck> serial = [];
            if (result.GetValue(ecr) is { } ecrPort)
            {
                serial.Add(new SerialDeviceCheck("ECR port", ecrPort, result.GetValue(baud)));
            }

            if (result.GetValue(console) is { } consolePort)
            {
                serial.Add(new SerialDeviceCheck("console port", consolePort, result.GetValue(baud)));
            }

            return RunAsync(result.GetValue(rigFile)!.FullName, serial, Console.Out, Console.Error, prepareSimulated: null, cancellationToken);
        });

        return new Command("rig", "Rig commands") { check };
    }

    /// <summary>Loads the rig file, opens the rig (the simulated one for the Simulated driver), checks it and prints the table.</summary>
    /// <param name="rigFile">The rig definition.</param>
    /// <param name="serialDevices">Serial devices to open.</param>
    /// <param name="output">Where the table goes.</param>
    /// <param name="error">Where a bad file or a rig fault is reported, one line.</param>
    /// <param name="prepareSimulated">Called with the simulated rig before the check (tests make faults with it); unused for a real rig.</param>
    /// <param name="cancellationToken">Stops the check; the rig still returns to its safe state.</param>
    /// <returns>The exit code: 0 all passed, 2 bad rig file, 3 rig fault.</returns>
    public static async Task<int> RunAsync(
        string rigFile,
        IReadOnlyList<SerialDeviceCheck> serialDevices,
        TextWriter output,
        TextWriter error,
        Action<SimulatedRig>? prepareSimulated,
        CancellationToken cancellationToken)
    {
        RigDefinition definition;
        try
        {
            definition = RigDefinitionLoader.Load(rigFile);
        }
        catch (CampaignFileException exception)
        {
            await error.WriteLineAsync($"bench rig check: {exception.Message}");
            return ExitCodes.BadInput;
        }

        try
        {
            RigCheckReport report;
            if (definition.GpioDriver == GpioDriverKind.Simulated)
            {
                // Real time: the check takes about two seconds, and the strokes it reports are the ones asked for.
                var clock = TimeProvider.System;
                using var simulated = new SimulatedRig(definition, clock);
                prepareSimulated?.Invoke(simulated);
                report = await new RigCheck(simulated.Rig, clock).RunAsync(serialDevices, cancellationToken);
            }
            else
            {
                using var rig = Rig.Open(definition);
                report = await new RigCheck(rig, TimeProvider.System).RunAsync(serialDevices, cancellationToken);
            }

            await output.WriteAsync(FormatTable(definition.Name, report));
            if (report.Passed)
            {
                return ExitCodes.Success;
            }

            var failures = report.Failures.ToList();
            await error.WriteLineAsync(
                $"bench rig check: rig fault: {failures.Count} step(s) failed, first {failures[0].Channel}, {failures[0].Action}: expected {failures[0].Expected}, saw {failures[0].Seen}");
            return ExitCodes.RigFault;
        }
        catch (RigFaultException fault)
        {
            await error.WriteLineAsync($"bench rig check: rig fault: {fault.Message}");
            return ExitCodes.RigFault;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>The report as an aligned text table with a verdict line.</summary>
    public static string FormatTable(string rigName, RigCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string[] headings = ["channel", "action", "expected", "seen", "verdict"];
        var cells = report.Rows
            .Select(row => new[] { row.Channel, row.Action, row.Expected, row.Seen, row.Verdict.ToString().ToLowerInvariant() })
            .ToList();
        var widths = Enumerable.Range(0, headings.Length)
            .Select(column => cells.Select(cell => cell[column].Length).Append(headings[column].Length).Max())
            .ToArray();
        var text = new System.Text.StringBuilder();
        text.AppendLine($"rig check: {rigName}");
        AppendLine(text, headings, widths);
        AppendLine(text, widths.Select(width => new string('-', width)).ToArray(), widths);
        foreach (var cell in cells)
        {
            AppendLine(text, cell, widths);
        }

        int failed = report.Rows.Count(row => row.Verdict == RigCheckVerdict.Fail);
        int withoutReadBack = report.Rows.Count(row => row.Verdict == RigCheckVerdict.Unchecked);
        text.AppendLine(failed == 0
            ? $"all {report.Rows.Count - withoutReadBack} checked steps passed ({withoutReadBack} without read-back)"
            : $"{failed} of {report.Rows.Count} steps FAILED: rig fault");
        return text.ToString();
    }

    private static void AppendLine(System.Text.StringBuilder text, string[] cells, int[] widths) =>
        text.AppendLine(string.Join("  ", cells.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
}
