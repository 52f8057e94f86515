namespace Bench.Codec;

/// <summary>What the host puts into a reply besides the echoed request fields.</summary>
public sealed record ReplyDetails(string ResponseCode, DateTime LocalTime)
{
    public string? RetrievalReferenceNumber { get; init; }
    public string? AuthorizationCode { get; init; }
    public ProcessingRequirement ProcessingRequirement { get; init; } = ProcessingRequirement.None;
    /// <summary>Field 62 of a sign-on reply: the working keys, as the profile's alphanumeric string.</summary>
    public string? WorkingKeys { get; init; }
    /// <summary>Field 60 override, e.g. the batch a sign-on reply assigns.</summary>
    public string? Field60 { get; init; }
}
