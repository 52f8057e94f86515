namespace Bench.Campaigns.Experiments;

/// <summary>
/// The timeline events an injection can be triggered on (campaign key <c>trigger.on</c>). Each is the
/// first such event of the trial, stamped on the bench's monotonic clock where it was observed.
/// </summary>
public static class TrialEventKinds
{
    /// <summary>The trial's start, before the sale is sent.</summary>
    public const string Start = "start";

    /// <summary>The bench sent <c>SALE</c> on the terminal's ECR port.</summary>
    public const string EcrSaleSent = "ecrSaleSent";

    /// <summary>The terminal printed its card prompt.</summary>
    public const string CardPrompted = "cardPrompted";

    /// <summary>The swipe stroke finished (the solenoid's pulse ended).</summary>
    public const string CardSwiped = "cardSwiped";

    /// <summary>The terminal reported its data session up (<c>CONNECTED</c>).</summary>
    public const string ModemConnected = "modemConnected";

    /// <summary>The host received the sale request (0200).</summary>
    public const string HostReceivedRequest = "hostReceivedRequest";

    /// <summary>The host sent its reply to the sale (0210).</summary>
    public const string HostSentReply = "hostSentReply";

    public static readonly IReadOnlyList<string> All =
        [Start, EcrSaleSent, CardPrompted, CardSwiped, ModemConnected, HostReceivedRequest, HostSentReply];
}
