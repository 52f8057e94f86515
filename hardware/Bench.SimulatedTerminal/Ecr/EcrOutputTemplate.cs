using System.Globalization;
using System.Text;
using Bench.Hardware.Ecr;

namespace Bench.SimulatedTerminal.Ecr;

/// <summary>
/// A line the simulated terminal prints in a scripted dialect: fixed text with placeholders in braces, <c>{name}</c> or
/// <c>{name:FORMAT}</c> (a .NET integer format, for numeric values only). Braces always open a placeholder, so a
/// template cannot mean something other than what it looks like.
/// </summary>
public sealed class EcrOutputTemplate
{
    /// <summary>Placeholders whose values are numbers, so a FORMAT applies (the STAN: <c>{stan:D6}</c>).</summary>
    public static readonly IReadOnlyList<string> NumericPlaceholders = ["stan"];

    private readonly IReadOnlyList<Part> parts;

    private EcrOutputTemplate(IReadOnlyList<Part> parts) => this.parts = parts;

    /// <summary>The placeholders the template uses.</summary>
    public IReadOnlyList<string> Placeholders => [.. parts.Where(part => part.Placeholder is not null).Select(part => part.Placeholder!).Distinct()];

    /// <summary>Parses <paramref name="text"/>, allowing only <paramref name="placeholders"/>; false with the reason otherwise.</summary>
    public static bool TryParse(string text, IReadOnlyCollection<string> placeholders, out EcrOutputTemplate? template, out string error)
    {
        template = null;
        error = "";
        if (text.Length == 0)
        {
            error = "must not be empty";
            return false;
        }
        if (text.AsSpan().IndexOfAnyExceptInRange(' ', '~') is var control and >= 0)
        {
            error = $"must be printable ASCII (character {control + 1} is not; control characters are the framing's)";
            return false;
        }
        var parts = new List<Part>();
        var literal = new StringBuilder();
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (character == '}')
            {
                error = $"the '}}' at character {index + 1} closes no placeholder";
                return false;
            }
            if (character != '{')
            {
                literal.Append(character);
                continue;
            }
            var close = text.IndexOf('}', index);
            if (close < 0)
            {
                error = $"the '{{' at character {index + 1} opens a placeholder that is never closed";
                return false;
            }
            var inside = text[(index + 1)..close];
            var colon = inside.IndexOf(':');
            var name = colon < 0 ? inside : inside[..colon];
            var format = colon < 0 ? null : inside[(colon + 1)..];
            if (!placeholders.Contains(name))
            {
                error = placeholders.Count == 0
                    ? $"'{{{inside}}}': this message takes no placeholders (braces always open one)"
                    : $"'{{{inside}}}' is not a placeholder of this message: use {string.Join(", ", placeholders.Select(known => "{" + known + "}"))}";
                return false;
            }
            if (format is not null && !IsIntegerFormat(name, format, out error)) return false;
            if (literal.Length > 0) parts.Add(new Part(literal.ToString(), null, null));
            literal.Clear();
            parts.Add(new Part("", name, format));
            index = close;
        }
        if (literal.Length > 0) parts.Add(new Part(literal.ToString(), null, null));
        template = new EcrOutputTemplate(parts);
        return true;
    }

    /// <summary>The line with every placeholder filled from <paramref name="values"/> (a missing value prints as the protocol's empty field).</summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        var line = new StringBuilder();
        foreach (var part in parts)
        {
            if (part.Placeholder is null)
            {
                line.Append(part.Literal);
                continue;
            }
            var value = values.TryGetValue(part.Placeholder, out var given) ? given : EcrProtocol.EmptyField;
            line.Append(part.Format is not null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? number.ToString(part.Format, CultureInfo.InvariantCulture)
                : value);
        }
        return line.ToString();
    }

    private static bool IsIntegerFormat(string name, string format, out string error)
    {
        error = "";
        if (!NumericPlaceholders.Contains(name))
        {
            error = $"'{{{name}:{format}}}': {{{name}}} is text and takes no format";
            return false;
        }
        try
        {
            if (format.Length > 0)
            {
                _ = 42L.ToString(format, CultureInfo.InvariantCulture);
                return true;
            }
        }
        catch (FormatException)
        {
            // Told below.
        }
        error = $"'{format}' in '{{{name}:{format}}}' is not a .NET integer format (e.g. D6 for 6 digits with leading zeros)";
        return false;
    }

    private sealed record Part(string Literal, string? Placeholder, string? Format);
}
