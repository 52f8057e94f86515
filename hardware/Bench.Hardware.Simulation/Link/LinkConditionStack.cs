namespace Bench.Hardware.Simulation.Link;

/// <summary>
/// The conditions on one direction of a link, as named layers that stack: the cellular model keeps its
/// signal loss in one layer while a fault injection adds latency in another, and removing one leaves the
/// other. Changes take effect for the bytes that enter the link afterwards. Thread-safe.
/// </summary>
public sealed class LinkConditionStack
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkConditions> layers = new(StringComparer.Ordinal);
    private LinkConditions effective = LinkConditions.None;

    internal LinkConditionStack(LinkDirection direction) => Direction = direction;

    /// <summary>Raised after every change, on the thread that made it.</summary>
    public event Action<LinkConditionStack>? Changed;

    /// <summary>The direction these conditions act on.</summary>
    public LinkDirection Direction { get; }

    /// <summary>All layers combined (<see cref="LinkConditions.Combine"/>).</summary>
    public LinkConditions Effective
    {
        get { lock (gate) return effective; }
    }

    /// <summary>A copy of the layers by name.</summary>
    public IReadOnlyDictionary<string, LinkConditions> Layers
    {
        get { lock (gate) return new Dictionary<string, LinkConditions>(layers, StringComparer.Ordinal); }
    }

    /// <summary>Adds or replaces the layer <paramref name="layer"/>.</summary>
    /// <exception cref="ArgumentException">The name is blank or a condition is out of range.</exception>
    public void Set(string layer, LinkConditions conditions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(layer);
        ArgumentNullException.ThrowIfNull(conditions);
        conditions.Validate($"layer '{layer}' ({Direction.ToString().ToLowerInvariant()})");
        lock (gate)
        {
            layers[layer] = conditions;
            effective = LinkConditions.Combine(layers.Values);
        }

        Changed?.Invoke(this);
    }

    /// <summary>Removes the layer; false when there was none of that name.</summary>
    public bool Remove(string layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        lock (gate)
        {
            if (!layers.Remove(layer))
            {
                return false;
            }

            effective = LinkConditions.Combine(layers.Values);
        }

        Changed?.Invoke(this);
        return true;
    }

    /// <summary>Removes every layer.</summary>
    public void Clear()
    {
        lock (gate)
        {
            layers.Clear();
            effective = LinkConditions.None;
        }

        Changed?.Invoke(this);
    }
}
