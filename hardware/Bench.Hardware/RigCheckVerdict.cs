namespace Bench.Hardware;

/// <summary>How one step of <see cref="RigCheck"/> went.</summary>
public enum RigCheckVerdict
{
    /// <summary>What was read back is what was expected.</summary>
    Pass,

    /// <summary>What was read back disagrees, or the device failed: a rig fault.</summary>
    Fail,

    /// <summary>The channel was driven but has nothing to read back (no sense contact, a write-only chip).</summary>
    Unchecked,
}
