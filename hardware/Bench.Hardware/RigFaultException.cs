namespace Bench.Hardware;

/// <summary>
/// The rig, not the terminal, misbehaved: a relay read-back disagrees, a device is not fitted, a driver
/// failed. A trial that ends in a rig fault is retried or aborted and never counted as a terminal failure.
/// </summary>
public sealed class RigFaultException : Exception
{
    /// <summary>Creates a rig fault with a message naming the device and what was observed.</summary>
    public RigFaultException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a rig fault caused by another exception.</summary>
    public RigFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates a rig fault without a message; prefer the overloads that say what failed.</summary>
    public RigFaultException()
        : base("rig fault")
    {
    }
}
