using System.Text;

namespace Bench.Codec;

/// <summary>
/// One ISO 8583 message: MTI, TPDU, header and field values. Immutable: <c>With</c>/<c>Without</c>
/// return copies. Values are strings in wire order: digits for numeric fields, digits and '='
/// for track data, ASCII for alphanumeric fields and upper-case hex for binary fields.
/// </summary>
public sealed class IsoMessage
{
    internal const int FieldSlots = 129;
    private readonly string?[] fields;

    public IsoMessage(string mti, Tpdu tpdu, MessageHeader header, IEnumerable<KeyValuePair<int, string>> fields)
        : this(mti, tpdu, header, ToSlots(fields))
    {
    }

    public IsoMessage(string mti, IEnumerable<KeyValuePair<int, string>> fields)
        : this(mti, Tpdu.Default, MessageHeader.Default, fields)
    {
    }

    internal IsoMessage(string mti, Tpdu tpdu, MessageHeader header, string?[] slots)
    {
        Mti = mti;
        Tpdu = tpdu;
        Header = header;
        fields = slots;
    }

    public string Mti { get; }
    public Tpdu Tpdu { get; }
    public MessageHeader Header { get; }

    public string? this[int field] => field is > 0 and < FieldSlots ? fields[field] : null;

    public bool Has(int field) => this[field] is not null;

    public IEnumerable<int> FieldNumbers
    {
        get
        {
            for (var i = 2; i < FieldSlots; i++)
                if (fields[i] is not null) yield return i;
        }
    }

    public IEnumerable<KeyValuePair<int, string>> Fields =>
        FieldNumbers.Select(n => new KeyValuePair<int, string>(n, fields[n]!));

    /// <summary>The field's value, or an <see cref="InvalidOperationException"/> naming the missing field.</summary>
    public string Required(int field) =>
        this[field] ?? throw new InvalidOperationException($"MTI {Mti}: field {field} is absent");

    public string? Stan => this[11];
    public string? ProcessingCode => this[3];
    public string? ResponseCode => this[39];
    public string? TerminalId => this[41];
    public long? AmountMinorUnits => this[4] is { } amount ? long.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The binary field's bytes, or null when absent.</summary>
    public byte[]? Binary(int field) => this[field] is { } hex ? Convert.FromHexString(hex) : null;

    public IsoMessage With(int field, string value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(field, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(field, FieldSlots - 1);
        ArgumentNullException.ThrowIfNull(value);
        var copy = (string?[])fields.Clone();
        copy[field] = value;
        return new IsoMessage(Mti, Tpdu, Header, copy);
    }

    public IsoMessage With(int field, ReadOnlySpan<byte> binaryValue) => With(field, Convert.ToHexString(binaryValue));

    public IsoMessage Without(params int[] fieldNumbers)
    {
        var copy = (string?[])fields.Clone();
        foreach (var n in fieldNumbers)
            if (n is > 0 and < FieldSlots) copy[n] = null;
        return new IsoMessage(Mti, Tpdu, Header, copy);
    }

    public IsoMessage WithMti(string mti) => new(mti, Tpdu, Header, fields);
    public IsoMessage WithTpdu(Tpdu tpdu) => new(Mti, tpdu, Header, fields);
    public IsoMessage WithHeader(MessageHeader header) => new(Mti, Tpdu, header, fields);

    /// <summary>A one-line human-readable form with card data masked and working keys shown by their check values only.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Mti);
        foreach (var (number, value) in Fields)
        {
            text.Append(' ').Append(number).Append('=');
            text.Append(number switch
            {
                2 => PanMask.Mask(value),
                35 or 36 => PanMask.MaskTrack(value),
                52 => "****************",
                // ICC data carries the PAN in tags 5A and 57: show its size, never its bytes.
                55 => $"[ICC data, {value.Length / 2} bytes]",
                _ when WorkingKeyField.IsIn(Mti, number) => WorkingKeyField.Describe(value),
                _ => value,
            });
        }
        return text.ToString();
    }

    private static string?[] ToSlots(IEnumerable<KeyValuePair<int, string>> fields)
    {
        var slots = new string?[FieldSlots];
        foreach (var (number, value) in fields)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(number, 2);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(number, FieldSlots - 1);
            slots[number] = value;
        }
        return slots;
    }
}
