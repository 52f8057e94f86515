namespace Bench.Codec;

/// <summary>
/// Builds the host's reply to a request: response MTI, TPDU swapped, request fields echoed
/// except the ones only a request carries (card data, PIN, ICC, MAC), then 12, 13, 37, 38, 39.
/// </summary>
public static class ReplyBuilder
{
    private static readonly int[] RequestOnlyFields = [14, 22, 23, 26, 35, 36, 52, 53, 55, 63, 64];

    public static IsoMessage To(IsoMessage request, ReplyDetails details)
    {
        var reply = request
            .WithMti(MessageTypes.ResponseTo(request.Mti))
            .WithTpdu(request.Tpdu.Swapped())
            .WithHeader(request.Header with { ProcessingRequirement = details.ProcessingRequirement })
            .Without(RequestOnlyFields)
            .With(12, details.LocalTime.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture))
            .With(13, details.LocalTime.ToString("MMdd", System.Globalization.CultureInfo.InvariantCulture))
            .With(39, details.ResponseCode);
        if (details.RetrievalReferenceNumber is { } rrn) reply = reply.With(37, rrn);
        if (details.AuthorizationCode is { } auth) reply = reply.With(38, auth);
        if (details.WorkingKeys is { } keys) reply = reply.With(62, keys);
        if (details.Field60 is { } field60) reply = reply.With(60, field60);
        return reply;
    }
}
