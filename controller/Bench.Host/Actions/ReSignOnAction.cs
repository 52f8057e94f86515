using Bench.Codec;

namespace Bench.Host;

/// <summary>
/// Asks the terminal to sign on again (DESIGN.md §5). Without a response code: <see cref="Then"/>
/// runs (approve by default) and its reply's header carries processing requirement 3. With one
/// (22, 77 or A0): the request is declined with that code and nothing is booked.
/// </summary>
public sealed record ReSignOnAction : HostAction
{
    /// <summary>The response codes that make a terminal sign on again.</summary>
    public static readonly IReadOnlySet<string> ResponseCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        Codec.ResponseCodes.ReSignOnRequired, Codec.ResponseCodes.BatchOrKeyMismatch, Codec.ResponseCodes.MacFailure,
    };

    public ReSignOnAction(string? responseCode, HostAction then)
    {
        if (responseCode is not null && !ResponseCodes.Contains(responseCode))
            throw new ArgumentException($"a re-sign-on response code is one of {string.Join(", ", ResponseCodes)} (got '{responseCode}')", nameof(responseCode));
        ResponseCode = responseCode;
        Then = then ?? throw new ArgumentNullException(nameof(then));
    }

    /// <summary>Null: ask through the header; otherwise the decline code that asks.</summary>
    public string? ResponseCode { get; }
    public HostAction Then { get; }

    public override string Kind => "reSignOn";

    public override ValueTask ExecuteAsync(HostActionContext context, CancellationToken cancellationToken) =>
        ResponseCode is { } code
            ? context.Replies.SendAsync(context.Authorizer.Decline(context, code), cancellationToken)
            : Then.ExecuteAsync(context with { Replies = new ReSignOnHeaderReplyChannel(context.Replies) }, cancellationToken);

    public override string ToString() => ResponseCode is { } code ? $"{Kind} with code {code}" : $"{Kind} in the header, then {Then}";
}
