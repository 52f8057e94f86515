namespace Bench.Codec;

/// <summary>The message type indicators of the CUP profile. The decoder rejects any other MTI.</summary>
public static class MessageTypes
{
    public const string AuthorizationRequest = "0100";
    public const string AuthorizationResponse = "0110";
    public const string FinancialRequest = "0200";
    public const string FinancialResponse = "0210";
    public const string AdviceRequest = "0220";
    public const string AdviceResponse = "0230";
    public const string BatchUploadRequest = "0320";
    public const string BatchUploadResponse = "0330";
    public const string ReversalRequest = "0400";
    public const string ReversalResponse = "0410";
    public const string SettlementRequest = "0500";
    public const string SettlementResponse = "0510";
    public const string NetworkManagementRequest = "0800";
    public const string NetworkManagementResponse = "0810";

    private static readonly HashSet<string> Known =
    [
        AuthorizationRequest, AuthorizationResponse, FinancialRequest, FinancialResponse,
        AdviceRequest, AdviceResponse, BatchUploadRequest, BatchUploadResponse,
        ReversalRequest, ReversalResponse, SettlementRequest, SettlementResponse,
        NetworkManagementRequest, NetworkManagementResponse,
    ];

    public static bool IsKnown(string mti) => Known.Contains(mti);

    /// <summary>A request's response MTI: the third digit goes up by one (0200 → 0210).</summary>
    public static string ResponseTo(string requestMti) =>
        string.Create(4, requestMti, static (chars, mti) =>
        {
            mti.AsSpan().CopyTo(chars);
            chars[2] = (char)(mti[2] + 1);
        });

    public static bool IsRequest(string mti) => (mti[2] - '0') % 2 == 0;
}
