using System.Globalization;

namespace Bench.Hardware.Ecr;

/// <summary>One command line from the controller, as the terminal parses it.</summary>
public sealed record EcrCommand(EcrCommandKind Kind, long? AmountMinorUnits = null)
{
    /// <summary>Parses a command line (without CR LF); on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out EcrCommand? command, out string error)
    {
        command = null;
        error = string.Empty;
        var words = text.Split(' ');
        switch (words[0])
        {
            case "SALE" when words.Length == 2:
                if (words[1].Length is < 1 or > 12 || !words[1].All(char.IsAsciiDigit))
                {
                    error = $"amount '{words[1]}' is not 1 to 12 digits";
                    return false;
                }
                var amount = long.Parse(words[1], CultureInfo.InvariantCulture);
                if (amount == 0)
                {
                    error = "amount must be above zero";
                    return false;
                }
                command = new EcrCommand(EcrCommandKind.Sale, amount);
                return true;
            case "SALE":
                error = "usage: SALE <amount in minor units>";
                return false;
            case EcrProtocol.Status when words.Length == 1:
                command = new EcrCommand(EcrCommandKind.Status);
                return true;
            default:
                error = $"unknown command '{text}'";
                return false;
        }
    }
}
