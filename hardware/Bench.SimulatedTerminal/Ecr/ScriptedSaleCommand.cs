using System.Globalization;
using System.Text.RegularExpressions;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Ecr;

/// <summary>
/// Reads a scripted dialect's sale command on the terminal's side: the dialect's <c>sale</c> template turned into a
/// regular expression, the fixed text literal and the amount digits: <c>{amount}</c> or <c>{amount:D}</c> 1 to 12
/// digits, <c>{amount:Dn}</c> n to 12 (at least n, with leading zeros). Other formats cannot be read back reliably.
/// </summary>
public sealed class ScriptedSaleCommand
{
    private const string AmountGroup = "amount";

    /// <summary>The most digits a <c>Dn</c> amount may take: leading zeros beyond 12 digits, but still a <see cref="long"/>.</summary>
    private const int MaxDigits = 18;

    private readonly Regex pattern;

    private ScriptedSaleCommand(Regex pattern) => this.pattern = pattern;

    public static bool TryCreate(string template, out ScriptedSaleCommand? command, out string error)
    {
        command = null;
        if (!ScriptedEcrDialect.TryFormatSale(template, 1, out _, out error)) return false;
        var open = template.IndexOf("{amount", StringComparison.Ordinal);
        var close = template.IndexOf('}', open);
        var placeholder = template[(open + 1)..close];
        var format = placeholder == AmountGroup ? "D" : placeholder[(AmountGroup.Length + 1)..];
        int least;
        if (format == "D") least = 1;
        else if (format.Length > 1 && format[0] == 'D' && int.TryParse(format.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out least)
            && least is >= 1 and <= MaxDigits)
        {
        }
        else
        {
            error = $"the simulated terminal reads the amount only as {{amount}} or {{amount:Dn}} (n up to {MaxDigits}), not '{{{placeholder}}}'";
            return false;
        }
        var most = Math.Max(least, EcrProtocol.MaxAmountMinorUnits.ToString(CultureInfo.InvariantCulture).Length);
        var expression = "^" + Regex.Escape(template[..open]) + $"(?<{AmountGroup}>\\d{{{least},{most}}})" + Regex.Escape(template[(close + 1)..]) + "$";
        command = new ScriptedSaleCommand(ScriptedEcrDialect.Compile(expression));
        error = "";
        return true;
    }

    /// <summary>The amount in minor units when <paramref name="text"/> is the sale command.</summary>
    public bool TryRead(string text, out long amountMinorUnits)
    {
        amountMinorUnits = 0;
        Match match;
        try
        {
            match = pattern.Match(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        return match.Success && long.TryParse(match.Groups[AmountGroup].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out amountMinorUnits);
    }
}
