namespace Bench.Hardware.Simulation.Pstn;

/// <summary>
/// The simulated telephone exchange: a directory of subscriber lines by number. A modem on one line dials
/// another line's number; the exchange finds the line and the modem plugged into it.
/// </summary>
public sealed class PhoneExchange
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, PhoneLine> lines = [];

    /// <summary>
    /// Installs a line with <paramref name="number"/> (only its digits count). With <paramref name="lineRelay"/>
    /// the line runs through the rig's phone line relay and is cut whenever the relay opens it.
    /// </summary>
    /// <exception cref="ArgumentException">The number has no digits or is already in use.</exception>
    public PhoneLine AddLine(string number, WiringHarness? lineRelay = null)
    {
        var digits = Digits(number);
        if (digits.Length == 0) throw new ArgumentException($"phone number '{number}' has no digits", nameof(number));
        lock (gate)
        {
            if (lines.ContainsKey(digits)) throw new ArgumentException($"phone number '{number}' is already in use", nameof(number));
            var line = new PhoneLine(this, digits, lineRelay);
            lines.Add(digits, line);
            return line;
        }
    }

    /// <summary>The line whose number is the digits of <paramref name="dialled"/>, or null.</summary>
    public PhoneLine? Find(string dialled)
    {
        lock (gate) return lines.GetValueOrDefault(Digits(dialled));
    }

    internal void Remove(PhoneLine line)
    {
        lock (gate)
        {
            if (lines.GetValueOrDefault(line.Number) == line) lines.Remove(line.Number);
        }
    }

    /// <summary>The dialable part of a number: digits, <c>*</c> and <c>#</c>.</summary>
    public static string Digits(string number) =>
        new([.. number.Where(c => char.IsAsciiDigit(c) || c is '*' or '#')]);
}
