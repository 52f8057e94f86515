namespace Bench.Campaigns.Tests;

/// <summary>Valid fixture texts that tests copy and break one line at a time.</summary>
internal static class FixtureTexts
{
    public const string Terminal = """
        model: Test Terminal
        link: ethernet
        responseTimeout: 60s
        connectTimeout: 500ms
        cardReadTimeout: 1.5s
        reversalResendCount: 3
        simulationTimeScale: 20
        terminalId: "10000001"
        merchantId: "898100012340001"
        """;

    public const string ShortTimeoutTerminal = """
        model: Short Timeout Terminal
        link: ethernet
        responseTimeout: 30s
        connectTimeout: 10s
        cardReadTimeout: 30s
        reversalResendCount: 2
        simulationTimeScale: 20
        terminalId: "20000002"
        merchantId: "898100012340002"
        """;

    public const string Card = """
        label: test debit
        pan: 6222 0212 3456 7890 128
        expiry: "3012"
        serviceCode: "220"
        discretionaryData: "0000000000"
        """;

    // Line numbers matter: tests assert positions in this text. Every key is set, most away from its default.
    public const string Rig = """
        name: test-rig
        gpioDriver: Simulated
        gpioChip: 4
        swipe:
          pin: 18
          activeHigh: false
          dwell: 120ms
          minimumRearm: 1.5s
        terminalPower:
          pin: 5
          activeHigh: false
          contact: NormallyOpen
          sensePin: 6
          senseActiveHigh: false
          settleTime: 20ms
        phoneLine:
          pin: 17
          activeHigh: true
          contact: NormallyClosed
          sensePin: 27
          senseActiveHigh: true
          settleTime: 50ms
        simPower:
          pin: 22
          sensePin: 23
        attenuator:
          clockPin: 24
          dataPin: 25
          latchPin: 16
          bits: 5
          stepDecibels: 1
        """;

    // Line numbers matter: tests assert positions in this text.
    public const string Campaign = """
        name: test-campaign
        rig: ../rigs/simulated.yaml
        terminal: ../terminals/test.yaml
        card: ../cards/test.yaml
        experiments:
          - name: delay
            kind: hostResponseDelay
            from: 0
            to: 120
            resolution: 0.25
        """;

    /// <summary>Lays out campaigns/, rigs/, terminals/, cards/ like the fixtures folder.</summary>
    public static TemporaryDirectory FixtureTree()
    {
        var directory = new TemporaryDirectory();
        directory.Write("rigs/simulated.yaml", Rig);
        directory.Write("terminals/test.yaml", Terminal);
        directory.Write("terminals/short.yaml", ShortTimeoutTerminal);
        directory.Write("cards/test.yaml", Card);
        directory.Write("hosts/default.yaml", "rules: []\n");
        return directory;
    }

    /// <summary>Replaces (or, with an empty replacement, removes) 1-based line <paramref name="line"/>, keeping its indentation.</summary>
    public static string ReplaceLineAt(string text, int line, string replacement)
    {
        var lines = text.Split('\n').ToList();
        var indentation = lines[line - 1][..(lines[line - 1].Length - lines[line - 1].TrimStart().Length)];
        if (replacement.Length == 0)
        {
            lines.RemoveAt(line - 1);
        }
        else
        {
            lines[line - 1] = indentation + replacement;
        }

        return string.Join('\n', lines);
    }

    /// <summary>Replaces the line starting with <paramref name="linePrefix"/> (after indentation).</summary>
    public static string ReplaceLine(string text, string linePrefix, string replacement)
    {
        var lines = text.Split('\n').ToList();
        var index = lines.FindIndex(line => line.TrimStart().StartsWith(linePrefix, StringComparison.Ordinal));
        if (index < 0)
        {
            throw new ArgumentException($"no line starts with '{linePrefix}'");
        }

        var indentation = lines[index][..(lines[index].Length - lines[index].TrimStart().Length)];
        if (replacement.Length == 0)
        {
            lines.RemoveAt(index);
        }
        else
        {
            lines[index] = indentation + replacement;
        }

        return string.Join('\n', lines);
    }
}
