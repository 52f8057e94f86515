namespace Bench.Plots;

/// <summary>No TrueType font could be found, so plots would have no text; none is written.</summary>
public sealed class FontNotFoundException(string message) : Exception(message);
